import CairnCore
import CairnPolicy
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import X509

/// One HTTPS GET of an identity provider's document (its discovery document or its key set), trusted as IAM
/// trusts it: a certificate the server presents whose SHA-1 is one of the provider's thumbprints anchors the
/// chain; a provider without thumbprints must chain to `CAIRN_OIDC_CA_FILE`'s certificates, or to the system's
/// trust store when no file is set. The leaf must name the host either way.
struct IdentityProviderFetch: Sendable {
    /// The operator's CA file's certificates (`CAIRN_OIDC_CA_FILE`); nil: the system trust store.
    let authorities: [Certificate]?
    /// Whether a provider may resolve to a loopback or private address (`CAIRN_OIDC_ALLOW_PRIVATE_NETWORKS`).
    var allowsPrivateNetworks = false
    var timeout: Duration = .seconds(10)
    static let maximumBytes = 1 << 20

    enum Failure: Error, Sendable, Equatable {
        /// No presented certificate has a configured thumbprint, or the chain does not verify.
        case untrusted
        /// The server could not be reached or answered something other than 200 with a document.
        case unreachable(String)
    }

    init(authorities: [Certificate]? = nil, allowsPrivateNetworks: Bool = false) {
        self.authorities = authorities
        self.allowsPrivateNetworks = allowsPrivateNetworks
    }

    /// Reads the CA file: every PEM certificate in it.
    static func authorities(pemFile path: String) throws -> [Certificate] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let end = "-----END CERTIFICATE-----"
        return try text.components(separatedBy: end).filter { $0.contains("-----BEGIN CERTIFICATE-----") }.map {
            try Certificate(pemEncoded: $0.trimmingCharacters(in: .whitespacesAndNewlines) + "\n" + end)
        }
    }

    func get(_ url: URL, thumbprints: [String]) async throws -> Data {
        guard url.scheme == "https", let host = url.host, !host.isEmpty else { throw Failure.unreachable("not an https URL: \(url)") }
        let port = url.port ?? 443
        let path = (url.path.isEmpty ? "/" : url.path) + (url.query.map { "?" + $0 } ?? "")
        let timeout = timeout
        return try await withThrowingTaskGroup(of: Data.self) { group in
            group.addTask { try await self.exchange(host: host, port: port, path: path, thumbprints: thumbprints) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure.unreachable("no answer from \(host) within \(timeout)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private func exchange(host: String, port: Int, path: String, thumbprints: [String]) async throws -> Data {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        let context = try NIOSSLContext(configuration: tls)
        let verdict = Verdict()
        let anchors = TrustAnchors(thumbprints: Set(thumbprints), authorities: authorities)
        // Resolved once, checked, and connected to as resolved: the name cannot point elsewhere in between.
        let address: SocketAddress
        do {
            address = try await NIOThreadPool.singleton.runIfActive { try SocketAddress.makeAddressResolvingHost(host, port: port) }
        } catch {
            throw Failure.unreachable("\(host) does not resolve: \(error)")
        }
        guard allowsPrivateNetworks || IdentityProviderAddressRules.isPublic(address.ipAddress ?? "") else {
            throw Failure.unreachable("\(host) resolves to \(address.ipAddress ?? "?"), a loopback or private address")
        }
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .connect(to: address) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let tlsHandler = try NIOSSLClientHandler(context: context, serverHostname: host.isIPAddress ? nil : host) {
                            certificates, promise in
                            let ders = certificates.compactMap { try? $0.toDERBytes() }
                            Task {
                                let trusted = ders.count == certificates.count ? await anchors.verify(ders, host: host) : false
                                verdict.untrusted.withLock { $0 = !trusted }
                                promise.succeed(trusted ? .certificateVerified : .failed)
                            }
                        }
                        try channel.pipeline.syncOperations.addHandler(tlsHandler)
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure.unreachable("\(host):\(port): \(error)")
        }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
                head.headers.add(name: "Host", value: port == 443 ? host : "\(host):\(port)")
                head.headers.add(name: "Accept", value: "application/json")
                head.headers.add(name: "Connection", value: "close")
                try await outbound.write(.head(head))
                try await outbound.write(.end(nil))
                var status: HTTPResponseStatus?
                var body = Data()
                for try await part in inbound {
                    switch part {
                    case .head(let h): status = h.status
                    case .body(let chunk):
                        body.append(contentsOf: chunk.readableBytesView)
                        if body.count > Self.maximumBytes { throw Failure.unreachable("the document from \(host) is larger than 1 MiB") }
                    case .end: return try Self.document(status, body, host)
                    }
                }
                return try Self.document(status, body, host)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            if verdict.untrusted.withLock({ $0 }) { throw Failure.untrusted }
            throw Failure.unreachable("\(host):\(port): \(error)")
        }
    }

    private static func document(_ status: HTTPResponseStatus?, _ body: Data, _ host: String) throws -> Data {
        guard status == .ok else { throw Failure.unreachable("\(host) answered \(status.map { "\($0.code)" } ?? "nothing")") }
        return body
    }
}

/// What the TLS callback concluded, read after the handshake failed.
private final class Verdict: Sendable {
    let untrusted = Mutex(false)
}

/// The chain check: the presented certificates whose SHA-1 is a thumbprint (pins), else the operator's or the
/// system's authorities, must anchor a chain from the leaf that RFC 5280 accepts and that names the host.
private struct TrustAnchors: Sendable {
    let thumbprints: Set<String>
    let authorities: [Certificate]?

    func verify(_ ders: [[UInt8]], host: String) async -> Bool {
        let chain = ders.compactMap { try? Certificate(derEncoded: $0) }
        guard chain.count == ders.count, let leaf = chain.first else { return false }
        let roots: CertificateStore
        if thumbprints.isEmpty {
            roots = authorities.map { CertificateStore($0) } ?? CertificateStore.systemTrustRoots
        } else {
            let pinned = zip(ders, chain).filter { der, _ in thumbprints.contains(Self.thumbprint(der)) }.map(\.1)
            guard !pinned.isEmpty else { return false }
            roots = CertificateStore(pinned)
        }
        var verifier = Verifier(rootCertificates: roots) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: host.isIPAddress ? nil : host, serverIP: host.isIPAddress ? host : nil)
        }
        if case .validCertificate = await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst())) { return true }
        return false
    }

    /// IAM's thumbprint: the hex SHA-1 of the certificate's DER encoding.
    static func thumbprint(_ der: [UInt8]) -> String {
        Hexadecimal.string(Insecure.SHA1.hash(data: der))
    }
}

extension String {
    fileprivate var isIPAddress: Bool { (try? SocketAddress(ipAddress: self, port: 0)) != nil }
}
