package io.logdex.pipelines; final class Placeholder {}
