extension ServiceError {
    /// Every trail rule refuses with a 400 in CloudTrail's own exception name and wording.
    package init(_ violation: TrailRuleViolation) {
        self.init(code: violation.code, status: 400, message: violation.message)
    }
}
