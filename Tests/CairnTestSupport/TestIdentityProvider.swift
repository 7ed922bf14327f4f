import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import X509

/// An OpenID Connect identity provider on loopback, over real TLS, for AssumeRoleWithWebIdentity tests: its own
/// CA and a `localhost` certificate from it (made fresh each run, nothing stored), a discovery document and a
/// JWK set with one P-256 key, and ES256 tokens signed with it. (RS256 is proven by the boto3 tests' provider: an RSA
/// key generated here took seconds in a debug build, on a thread of Swift's small cooperative pool.)
package final class TestIdentityProvider: Sendable {
    package let port: Int
    /// `https://localhost:<port>`, the tokens' `iss`.
    package let issuer: String
    /// The SHA-1 of the CA certificate the server presents: the provider's thumbprint.
    package let thumbprint: String
    /// The CA certificate in PEM, for `CAIRN_OIDC_CA_FILE`.
    package let authorityPEM: String
    private let signingKey: P256.Signing.PrivateKey
    private let channel: any Channel
    private let served = Mutex(0)

    /// How many documents the provider has served.
    package var documentsServed: Int { served.withLock { $0 } }

    private init(
        port: Int, thumbprint: String, authorityPEM: String, signingKey: P256.Signing.PrivateKey, channel: any Channel
    ) {
        self.port = port
        issuer = "https://localhost:\(port)"
        self.thumbprint = thumbprint
        self.authorityPEM = authorityPEM
        self.signingKey = signingKey
        self.channel = channel
    }

    package static func start() async throws -> TestIdentityProvider {
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("Cairn test identity provider CA") }
        let now = Date()
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey), notValidBefore: now - 3600, notValidAfter: now + 86_400,
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            }, issuerPrivateKey: .init(caKey))
        let leafKey = P256.Signing.PrivateKey()
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(leafKey.publicKey), notValidBefore: now - 3600, notValidAfter: now + 86_400,
            issuer: caName, subject: try DistinguishedName { CommonName("localhost") }, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames([.dnsName("localhost")])
            }, issuerPrivateKey: .init(caKey))
        let caPEM = try ca.serializeAsPEM()
        let leafPEM = try leaf.serializeAsPEM()
        let thumbprint = Insecure.SHA1.hash(data: caPEM.derBytes).map { String(format: "%02x", $0) }.joined()
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [
                .certificate(try NIOSSLCertificate(bytes: Array(leafPEM.pemString.utf8), format: .pem)),
                .certificate(try NIOSSLCertificate(bytes: Array(caPEM.pemString.utf8), format: .pem)),
            ],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(leafKey.pemRepresentation.utf8), format: .pem)))
        let context = try NIOSSLContext(configuration: tls)
        let signingKey = P256.Signing.PrivateKey()
        let documents = Documents(publicKey: signingKey.publicKey)
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(DocumentHandler(documents: documents, counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        documents.port.withLock { $0 = port }
        let provider = TestIdentityProvider(
            port: port, thumbprint: thumbprint, authorityPEM: caPEM.pemString, signingKey: signingKey, channel: channel)
        counter.provider.withLock { $0 = provider }
        return provider
    }

    fileprivate func count() { served.withLock { $0 += 1 } }

    package func stop() async { try? await channel.close() }

    /// A signed ID token. `claims` replace the defaults (iss, aud `sts.amazonaws.com`, sub, iat, nbf, exp an hour
    /// ahead); `algorithm` "none" makes an unsigned token; `forged` signs it with a key the provider never published.
    package func token(
        _ claims: [String: any Sendable] = [:], keyId: String = "test-key", algorithm: String = "ES256", forged: Bool = false
    ) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        var body: [String: Any] = [
            "iss": issuer, "aud": "sts.amazonaws.com", "sub": "repo:cairn/app:ref:refs/heads/main", "iat": now, "nbf": now - 5,
            "exp": now + 3600,
        ]
        for (k, v) in claims { body[k] = v }
        let header: [String: Any] = ["alg": algorithm, "kid": keyId, "typ": "JWT"]
        let input =
            Self.segment(try JSONSerialization.data(withJSONObject: header)) + "."
            + Self.segment(try JSONSerialization.data(withJSONObject: body))
        guard algorithm != "none" else { return input + "." }
        let signature = try (forged ? P256.Signing.PrivateKey() : signingKey).signature(for: SHA256.hash(data: Data(input.utf8)))
        return input + "." + Self.segment(signature.rawRepresentation)
    }

    package static func segment(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The provider's two documents; the port is known only once the listener is bound.
private final class Documents: Sendable {
    let port = Mutex(0)
    let jwks: String

    init(publicKey: P256.Signing.PublicKey) {
        // The x9.63 form is 0x04 || x || y, 32 bytes each.
        let point = publicKey.x963Representation
        let x = TestIdentityProvider.segment(point.dropFirst().prefix(32))
        let y = TestIdentityProvider.segment(point.dropFirst(33))
        jwks = #"{"keys":[{"kty":"EC","crv":"P-256","kid":"test-key","use":"sig","alg":"ES256","x":"\#(x)","y":"\#(y)"}]}"#
    }

    func body(for path: String) -> String? {
        let issuer = "https://localhost:\(port.withLock { $0 })"
        switch path {
        case "/.well-known/openid-configuration":
            return #"{"issuer":"\#(issuer)","jwks_uri":"\#(issuer)/jwks","id_token_signing_alg_values_supported":["ES256"]}"#
        case "/jwks": return jwks
        default: return nil
        }
    }
}

private final class Counter: Sendable {
    let provider = Mutex<TestIdentityProvider?>(nil)
    func count() { provider.withLock { $0?.count() } }
}

private final class DocumentHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let documents: Documents
    let counter: Counter
    var path = "/"

    init(documents: Documents, counter: Counter) {
        self.documents = documents
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): path = head.uri
        case .body: break
        case .end:
            let body = documents.body(for: path)
            if body != nil { counter.count() }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body?.utf8.count ?? 0))
            headers.add(name: "Connection", value: "close")
            let head = HTTPResponseHead(version: .http1_1, status: body == nil ? .notFound : .ok, headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body ?? "")))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
        }
    }
}
