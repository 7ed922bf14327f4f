/// S3 bucket naming as CloudTrail enforces it (UG "Amazon S3 Bucket Naming Requirements"): 3–63
/// characters of lowercase letters, digits, periods and dashes; labels start with a letter or digit; no
/// underscores, no trailing dash, no `..`, no dash next to a period, not an IP address.
///
/// The wording follows the observed `Bucket name should not contain '_'` (airbnb/streamalert#424), which is
/// the AWS SDK for Java bucket-name validator's wording; the other messages use that validator's phrasing.
package enum TrailS3BucketName {
    package static func validate(_ name: String) throws(TrailRuleViolation) {
        let scalars = Array(name.unicodeScalars)
        guard (3...63).contains(scalars.count) else {
            throw .invalidS3BucketName("Bucket name should be between 3 and 63 characters long")
        }
        if TrailName.looksLikeIPv4Address(name) {
            throw .invalidS3BucketName("Bucket name must not be formatted as an IP Address")
        }
        var previous: Unicode.Scalar?
        for scalar in scalars {
            if ("A"..."Z").contains(scalar) {
                throw .invalidS3BucketName("Bucket name should not contain uppercase characters")
            }
            if scalar.properties.isWhitespace {
                throw .invalidS3BucketName("Bucket name should not contain white space")
            }
            switch scalar {
            case ".":
                if previous == nil { throw .invalidS3BucketName("Bucket name should not begin with a period") }
                if previous == "." { throw .invalidS3BucketName("Bucket name should not contain two adjacent periods") }
                if previous == "-" { throw .invalidS3BucketName("Bucket name should not contain dashes next to periods") }
            case "-":
                if previous == nil { throw .invalidS3BucketName("Bucket name should not begin with a '-'") }
                if previous == "." { throw .invalidS3BucketName("Bucket name should not contain dashes next to periods") }
            default:
                guard ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) else {
                    throw .invalidS3BucketName("Bucket name should not contain '\(Character(scalar))'")
                }
            }
            previous = scalar
        }
        if previous == "." || previous == "-" {
            throw .invalidS3BucketName("Bucket name should not end with '-' or '.'")
        }
    }
}
