extension Duration {
    /// swift-metrics timers take integer nanoseconds.
    package var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension Duration {
    /// Seconds as a fraction, for what a command prints.
    package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
