/// A broken CloudTrail rule, carried as AWS reports it.
///
/// `code` is the AWS exception name (the `__type` on the AWS front door); the error catalogue maps it to an
/// HTTP status. `message` is AWS's wording where AWS's wording is known (see docs/trails.md for which
/// messages are AWS's and which are Cairn's choice), so clients that match on messages keep working.
package struct TrailRuleViolation: Error, Sendable, Equatable, CustomStringConvertible {
    package let code: String
    package let message: String

    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }
}
