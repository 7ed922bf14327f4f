import Foundation

extension HTTPProbe {
    /// One SigV4-signed AWS call to a `cairn serve` process on `port`: JSON 1.1 when `target` is given (the
    /// X-Amz-Target), the Query protocol otherwise. nil when the process did not answer (it was killed).
    package static func signedAWSCall(
        port: Int, service: String, target: String?, body: String, credentials: TestCredentials
    ) async -> Reply? {
        var headers = ["host": "127.0.0.1:\(port)"]
        if let target {
            headers["x-amz-target"] = target
            headers["content-type"] = "application/x-amz-json-1.1"
        } else {
            headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8"
        }
        let signed = TestSigner.sign(
            method: "POST", path: "/", headers: headers, body: Data(body.utf8), region: "us-east-1", service: service, credentials: credentials)
        var plain: [String: String] = [:]
        for f in signed { plain[f.name.canonicalName] = f.value }
        return try? await request(host: "127.0.0.1", port: port, method: "POST", path: "/", headers: plain, body: body)
    }
}
