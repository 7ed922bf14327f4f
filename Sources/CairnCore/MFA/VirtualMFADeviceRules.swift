/// IAM's rules for virtual MFA devices: how a device is named (its serial number is its ARN,
/// `arn:aws:iam::A:mfa/<path><name>`), what an authentication code may be, and IAM's quotas.
package enum VirtualMFADeviceRules {
    /// MFA devices a user may have enabled at once (IAM's quota since 2022).
    package static let maximumPerUser = 8
    /// A seed of 40 random bytes: 64 base32 characters, as IAM's are.
    package static let seedBytes = 40

    package static func serialNumber(partition: String, account: AccountId, path: String, name: String) -> String {
        "arn:\(partition):iam::\(account.value):mfa\(path)\(name)"
    }

    /// The name and path of a new device, checked as IAM's model does; the serial number they make must fit in
    /// 256 characters (the member's limit wherever a serial number is passed back).
    package static func name(_ value: String?, path: String?) throws(ServiceError) -> (name: String, path: String) {
        guard let value else { throw .missingParameter("virtualMFADeviceName") }
        try IAMInputRules.name(value, field: "virtualMFADeviceName", maxLength: 226)
        let path = path ?? "/"
        try IAMInputRules.path(path)
        guard "arn:aws-us-gov:iam::000000000000:mfa".count + path.count + value.count <= 256 else {
            throw .iamValidation("virtualMFADeviceName", value: value, "Member must have length less than or equal to 226")
        }
        return (value, path)
    }

    /// A `SerialNumber` member: 9–256 of `[\w+=/:,.@-]`.
    package static func serialNumber(_ value: String?, field: String = "serialNumber") throws(ServiceError) -> String {
        guard let value else { throw .missingParameter(field) }
        try IAMInputRules.length(value, field: field, min: 9, max: 256)
        guard value.unicodeScalars.allSatisfy({ $0.isASCII && (isWord($0) || "+=/:,.@-".unicodeScalars.contains($0)) }) else {
            throw .iamValidation(field, value: value, "Member must satisfy regular expression pattern: [\\w+=/:,.@-]+")
        }
        return value
    }

    /// The account a virtual device's serial number names, nil for anything else (a hardware token's serial).
    package static func account(ofSerialNumber serial: String) -> AccountId? {
        let parts = serial.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("mfa/") else { return nil }
        return AccountId(String(parts[4]))
    }

    /// An authentication or token code: exactly six digits. A refusal never repeats the value (a code is a secret).
    package static func code(_ value: String?, field: String) throws(ServiceError) -> String {
        guard let value else { throw .missingParameter(field) }
        guard value.utf8.count == 6, value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .validation(field, "Member must have length 6 and satisfy regular expression pattern: [\\d]+")
        }
        return value
    }

    /// What authenticator apps read from the QR code (Google's key-URI format, as IAM writes it): the device's
    /// name and, after `@`, the user's name once assigned, otherwise the account id.
    package static func keyURI(deviceName: String, owner: String, seed: String) -> String {
        "otpauth://totp/\(deviceName)@\(owner)?secret=\(seed)"
    }

    private static func isWord(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value) || (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value) || s == "_"
    }
}
