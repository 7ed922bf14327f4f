package import Logging

/// swift-log's `StreamLogHandler` re-renders its whole metadata each time a key is set. Every request sets its
/// request id on its logger, so that rendering ran once per call even when nothing was logged (about 3 % of a
/// signed call's CPU in a `perf` profile, issue 15). This keeps the metadata itself and hands it to the stream
/// handler with each line instead, so the rendering happens only for lines that are written.
package struct TextLogHandler: LogHandler {
    private var stream: StreamLogHandler
    package var metadata: Logger.Metadata = [:]

    package init(label: String) { stream = StreamLogHandler.standardError(label: label) }

    package var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    package var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty { event.metadata = metadata.merging(event.metadata ?? [:]) { $1 } }
        stream.log(event: event)
    }
}
