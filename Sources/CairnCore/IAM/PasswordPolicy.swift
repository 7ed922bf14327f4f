/// An account's password policy, as IAM's UpdateAccountPasswordPolicy sets it, and the check of a password against
/// it. Without a policy of its own an account has IAM's default: at least 8 characters, of at least three of the four
/// kinds (uppercase, lowercase, numbers, symbols).
package struct PasswordPolicy: Sendable, Equatable {
    package var minimumLength = 6
    package var requireSymbols = false
    package var requireNumbers = false
    package var requireUppercase = false
    package var requireLowercase = false
    package var allowUsersToChangePassword = false
    /// Days a password lasts; nil: for ever (IAM's `ExpirePasswords` false).
    package var maxAgeDays: Int? = nil
    /// How many earlier passwords a new one may not repeat; nil: none.
    package var reusePrevention: Int? = nil
    package var hardExpiry = false
    /// Whether this is IAM's default (the account set none).
    package var isDefault = false

    package init() {}

    package static let iamDefault: PasswordPolicy = {
        var p = PasswordPolicy()
        p.minimumLength = 8
        p.isDefault = true
        return p
    }()

    /// IAM's symbols: ``! @ # $ % ^ & * ( ) _ + - = [ ] { } | '``.
    package static let symbols = Set("!@#$%^&*()_+-=[]{}|'")

    /// nil when the password meets the policy; otherwise why not, worded as IAM words a PasswordPolicyViolation.
    package func violation(of password: String) -> ServiceError? {
        let upper = password.contains(where: { $0.isASCII && $0.isUppercase })
        let lower = password.contains(where: { $0.isASCII && $0.isLowercase })
        let number = password.contains(where: { $0.isASCII && $0.isNumber })
        let symbol = password.contains(where: Self.symbols.contains)
        var problems: [String] = []
        if password.count < minimumLength { problems.append("Password should have a minimum length of \(minimumLength)") }
        if isDefault {
            if [upper, lower, number, symbol].filter({ $0 }).count < 3 {
                problems.append("Password should have at least three of: uppercase letters, lowercase letters, numbers, symbols")
            }
        } else {
            if requireUppercase && !upper { problems.append("Password should have at least one uppercase letter") }
            if requireLowercase && !lower { problems.append("Password should have at least one lowercase letter") }
            if requireNumbers && !number { problems.append("Password should have at least one number") }
            if requireSymbols && !symbol { problems.append("Password should have at least one symbol") }
        }
        guard !problems.isEmpty else { return nil }
        return ServiceError(code: "PasswordPolicyViolation", status: 400, message: problems.joined(separator: "; "))
    }
}
