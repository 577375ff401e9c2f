package io.logdex.transforms; final class Placeholder {}
