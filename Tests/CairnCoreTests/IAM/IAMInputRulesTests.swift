import CairnCore
import Testing

@Suite struct IAMInputRulesTests {
    func refusal(_ body: () throws -> Void) -> ServiceError? {
        do {
            try body()
        } catch let error as ServiceError {
            return error
        } catch {
            Issue.record("not a ServiceError: \(error)")
        }
        return nil
    }

    @Test func namesFollowIAMsPatternAndLengthAndNameTheField() {
        #expect(refusal { try IAMInputRules.name("alice+ops=1,x.y@z_-", field: "userName", maxLength: 64) } == nil)
        let bad = refusal { try IAMInputRules.name("bad name", field: "userName", maxLength: 64) }
        #expect(bad?.code == "ValidationException")
        #expect(
            bad?.message
                == "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
        )
        let long = refusal { try IAMInputRules.name(String(repeating: "a", count: 65), field: "roleName", maxLength: 64) }
        #expect(long?.message.hasSuffix("at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64") == true)
        #expect(refusal { try IAMInputRules.name("", field: "userName", maxLength: 64) }?.message.contains("greater than or equal to 1") == true)
        #expect(refusal { try IAMInputRules.name("é", field: "userName", maxLength: 64) } != nil)
    }

    @Test func pathsMustBeSlashOrSlashDelimited() {
        for ok in ["/", "/a/", "/a/b/", "/x~!/"] { #expect(refusal { try IAMInputRules.path(ok) } == nil, "\(ok)") }
        for bad in ["", "a", "/a", "a/", "//x", "/a b/"] where bad != "//x" {
            #expect(refusal { try IAMInputRules.path(bad) }?.message.contains("at 'path'") == true, "\(bad)")
        }
        #expect(refusal { try IAMInputRules.policyPath("/team/") } == nil)
        #expect(refusal { try IAMInputRules.policyPath("/team//") } != nil)
        #expect(refusal { try IAMInputRules.policyPath("/te~am/") } != nil)
        #expect(refusal { try IAMInputRules.pathPrefix("/any") } == nil)
        #expect(refusal { try IAMInputRules.pathPrefix("any") } != nil)
    }

    @Test func integersBooleansAndEnumsAreCheckedAgainstTheModel() throws {
        #expect(try IAMInputRules.integer("3600", field: "maxSessionDuration", min: 3600, max: 43200) == 3600)
        #expect(
            refusal { _ = try IAMInputRules.integer("100", field: "maxSessionDuration", min: 3600, max: 43200) }?.message.contains(
                "greater than or equal to 3600") == true)
        #expect(refusal { _ = try IAMInputRules.integer("x", field: "maxItems", min: 1, max: 1000) } != nil)
        #expect(try IAMInputRules.boolean("TRUE", field: "setAsDefault"))
        #expect(
            refusal { _ = try IAMInputRules.oneOf("Global", field: "scope", ["All", "AWS", "Local"]) }?.message.contains(
                "enum value set: [All, AWS, Local]") == true)
    }
}

@Suite struct IAMTagRulesTests {
    @Test func mergeReplacesKeysCaseInsensitivelyAndCapsAtFifty() throws {
        let merged = try IAMTagRules.merge(
            [IAMTag(key: "Team", value: "a")], adding: [IAMTag(key: "team", value: "b"), IAMTag(key: "env", value: "x")])
        #expect(merged == [IAMTag(key: "env", value: "x"), IAMTag(key: "team", value: "b")])
        let fifty = (1...50).map { IAMTag(key: "k\($0)", value: "") }
        #expect(throws: ServiceError.limitExceeded("The number of tags has reached the maximum limit.")) {
            _ = try IAMTagRules.merge(fifty, adding: [IAMTag(key: "one-more", value: "")])
        }
        #expect(try IAMTagRules.merge(fifty, adding: [IAMTag(key: "K1", value: "v")]).count == 50)
        #expect(IAMTagRules.remove(["TEAM", "absent"], from: merged) == [IAMTag(key: "env", value: "x")])
    }

    @Test func validationRefusesReservedPrefixDuplicatesAndBadCharacters() {
        #expect(throws: ServiceError.self) { try IAMTagRules.validate([IAMTag(key: "aws:x", value: "")]) }
        #expect(throws: ServiceError.self) { try IAMTagRules.validate([IAMTag(key: "a", value: ""), IAMTag(key: "A", value: "")]) }
        #expect(throws: ServiceError.self) { try IAMTagRules.validate([IAMTag(key: "a*", value: "")]) }
        #expect(throws: ServiceError.self) { try IAMTagRules.validate((0...50).map { IAMTag(key: "k\($0)", value: "") }) }
        #expect(throws: Never.self) { try IAMTagRules.validate([IAMTag(key: "Cost Centre", value: "Zürich 7/8 @hq")]) }
    }
}

@Suite struct IAMPolicyARNTests {
    @Test func parsesCustomerAndAWSManagedARNs() throws {
        let a = try IAMPolicyARN(parsing: "arn:aws:iam::123456789012:policy/team/readers")
        #expect(a.owner == "123456789012" && a.path == "/team/" && a.name == "readers" && !a.isAWSManaged)
        #expect(a.description == "arn:aws:iam::123456789012:policy/team/readers")
        let b = try IAMPolicyARN(parsing: "arn:aws:iam::aws:policy/AdministratorAccess")
        #expect(b.isAWSManaged && b.path == "/" && b.name == "AdministratorAccess")
    }

    @Test func refusesOtherARNsAsInvalidInput() {
        for bad in [
            "arn:aws:iam::123456789012:user/alice", "arn:aws:s3:::bucket/policy/x", "arn:aws:iam::12345:policy/x",
            "arn:aws:iam::123456789012:policy/",
        ] {
            #expect(throws: ServiceError.invalidInput("ARN \(bad) is not valid.")) { _ = try IAMPolicyARN(parsing: bad) }
        }
        #expect(throws: ServiceError.self) { _ = try IAMPolicyARN(parsing: "short") }
    }
}

@Suite struct IAMPolicyDocumentRulesTests {
    @Test func documentsAreJudgedByThePolicyEngine() {
        let good = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}"#
        #expect(throws: Never.self) { try IAMPolicyDocumentRules.check(good, type: .identity, limit: .managedPolicy) }
        do {
            try IAMPolicyDocumentRules.check("{not json", type: .identity, limit: .managedPolicy)
            Issue.record("accepted")
        } catch {
            #expect(error.code == "MalformedPolicyDocument")
        }
        let trustWithoutPrincipal = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#
        #expect(throws: ServiceError.self) { try IAMPolicyDocumentRules.check(trustWithoutPrincipal, type: .trust, limit: .trustPolicy) }
        let big =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::123456789012:user/\#(String(repeating: "x", count: 7000))"}]}"#
        #expect(throws: ServiceError.limitExceeded("Cannot exceed quota for PolicySize: 6144.")) {
            try IAMPolicyDocumentRules.check(big, type: .identity, limit: .managedPolicy)
        }
    }

    @Test func documentsAreReturnedURLEncodedAsIAMDoes() {
        #expect(IAMPolicyDocumentRules.urlEncoded(#"{"A": "b c"}"#) == "%7B%22A%22%3A%20%22b%20c%22%7D")
    }
}

@Suite struct IAMListPageTests {
    @Test func markersRoundTripAndBadOnesAreRefused() throws {
        let page = try IAMListPage(marker: IAMListPage.marker(after: "alice"), maxItems: "2")
        #expect(page == IAMListPage(after: "alice", maxItems: 2))
        #expect(throws: ServiceError.self) { _ = try IAMListPage(marker: "!!", maxItems: nil) }
        #expect(throws: ServiceError.self) { _ = try IAMListPage(marker: nil, maxItems: "0") }
        let cut = IAMPageOf(fetched: ["a", "b", "c"], page: IAMListPage(maxItems: 2)) { $0 }
        #expect(cut.items == ["a", "b"] && cut.nextMarker == IAMListPage.marker(after: "b"))
    }
}
