import Foundation
package import Hummingbird
import NIOCore

/// Per-request context: Hummingbird's core storage plus the request id and the peer address, which the
/// audit record and every response header need.
package struct CairnRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    let requestId: String
    let sourceIP: String

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestId = UUID().uuidString.lowercased()
        sourceIP = source.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
        logger[metadataKey: "requestId"] = .string(requestId)
    }

    /// Bodies are read once, up to this size; larger ones are refused with 413 before any work.
    package var maxUploadSize: Int { ServerSettings.maxBodyBytes }
}
