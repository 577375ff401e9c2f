package io.logdex.samples; final class Placeholder {}
