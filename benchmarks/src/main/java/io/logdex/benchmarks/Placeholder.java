package io.logdex.benchmarks; final class Placeholder {}
