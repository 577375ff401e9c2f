package io.logdex.runners; final class Placeholder {}
