import Testing

@testable import CairnPolicy

@Suite("Management policies: one document's syntax, and the merge into an account's effective policy")
struct ManagementPolicyTests {
    // AWS's inheritance examples: policy A at the root, B at OU1, C at OU2.
    static let policyA = #"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Development","Support"]}}}}"#
    static let policyB = #"""
        {"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Sandbox"]},
         "enforced_for":{"@@assign":["redshift:*","dynamodb:table"]}}}}
        """#
    static let policyC =
        #"{"tags":{"costcenter":{"tag_value":{"@@append":["Marketing"]},"enforced_for":{"@@append":["redshift:*","dynamodb:table"]}}}}"#

    func input(_ id: String, _ content: String) -> ManagementPolicyInput { ManagementPolicyInput(policyId: id, content: content) }

    func merge(_ levels: [[ManagementPolicyInput]], type: String = "TAG_POLICY") throws -> EffectivePolicy {
        try #require(EffectivePolicyMerger.merge(type: type, levels: levels))
    }

    func tagValue(_ operators: String, key: String = "costcenter") -> String {
        #"{"tags":{"\#(key)":{"tag_value":{\#(operators)}}}}"#
    }

    func tagValues(_ policy: EffectivePolicy, key: String = "costcenter") -> [String]? {
        guard case .array(let items)? = policy.content["tags"]?[key]?["tag_value"] else { return nil }
        return items.compactMap(\.stringValue)
    }

    // MARK: - Merge

    @Test("AWS's example: OU2's @@append adds to the root's values and adds enforced_for")
    func awsAppendExample() throws {
        let effective = try merge([[input("p-aaaaaaaaaa", Self.policyA)], [input("p-cccccccccc", Self.policyC)], []])
        #expect(
            effective.text
                == #"{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support","Marketing"],"enforced_for":["redshift:*","dynamodb:table"]}}}"#
        )
        #expect(effective.issues.isEmpty)
    }

    @Test("@@assign in a child drops the inherited list and adds settings the parent never had")
    func assignReplacesInheritedList() throws {
        let effective = try merge([[input("p-aaaaaaaaaa", Self.policyA)], [input("p-bbbbbbbbbb", Self.policyB)]])
        #expect(
            effective.text
                == #"{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Sandbox"],"enforced_for":["redshift:*","dynamodb:table"]}}}"#)
    }

    @Test("@@remove deletes only the listed inherited values and never creates an absent setting")
    func removeDeletesListedValues() throws {
        let root = tagValue(#""@@assign":["Development","Support","Sandbox"]"#)
        let ou = #"{"tags":{"costcenter":{"tag_value":{"@@remove":["Sandbox","NotThere"]},"enforced_for":{"@@remove":["ec2:instance"]}}}}"#
        let effective = try merge([[input("p-rootrootro", root)], [input("p-ououououou", ou)]])
        #expect(tagValues(effective) == ["Development", "Support"])
        #expect(effective.content["tags"]?["costcenter"]?["enforced_for"] == nil)
    }

    @Test("A bare value where an operator object belongs merges as @@assign")
    func bareValueIsAssign() throws {
        let effective = try merge([
            [input("p-aaaaaaaaaa", Self.policyA)], [input("p-ououououou", #"{"tags":{"costcenter":{"tag_value":["Only"]}}}"#)],
        ])
        #expect(tagValues(effective) == ["Only"])
    }

    @Test("@@none locks a setting: a child's change is ignored, the inherited value stays, and no issue is raised")
    func noneLockIgnoresChild() throws {
        let root = #"""
            {"tags":{"costcenter":{
              "tag_key":{"@@assign":"CostCenter","@@operators_allowed_for_child_policies":["@@none"]},
              "tag_value":{"@@assign":["Development","Support"],"@@operators_allowed_for_child_policies":["@@append"]}}}}
            """#
        let ou = #"{"tags":{"costcenter":{"tag_key":{"@@assign":"COSTCENTER"},"tag_value":{"@@append":["Sandbox"],"@@remove":["Support"]}}}}"#
        let effective = try merge([[input("p-rootrootro", root)], [input("p-ououououou", ou)]])
        #expect(effective.content["tags"]?["costcenter"]?["tag_key"] == .string("CostCenter"))
        #expect(tagValues(effective) == ["Development", "Support", "Sandbox"])
        #expect(effective.issues.isEmpty)
    }

    @Test("A lock on a tag covers its settings, new ones included, and a lower level cannot loosen it")
    func lockCoversSubtreeAndCannotBeLoosened() throws {
        let root = #"{"tags":{"costcenter":{"@@operators_allowed_for_child_policies":["@@none"],"tag_value":{"@@assign":["A"]}}}}"#
        let ou = #"{"tags":{"costcenter":{"@@operators_allowed_for_child_policies":["@@all"],"enforced_for":{"@@assign":["ec2:instance"]}}}}"#
        let account = tagValue(#""@@append":["B"]"#)
        let effective = try merge([[input("p-rootrootro", root)], [input("p-ououououou", ou)], [input("p-acctacctac", account)]])
        #expect(effective.text == #"{"tags":{"costcenter":{"tag_key":"costcenter","tag_value":["A"]}}}"#)
    }

    @Test("A restriction binds lower levels, not the other policies attached beside it")
    func restrictionBindsOnlyLowerLevels() throws {
        let first = tagValue(#""@@assign":["A"],"@@operators_allowed_for_child_policies":["@@none"]"#)
        let second = tagValue(#""@@append":["B"]"#)
        let effective = try merge([[input("p-firstfirst", first), input("p-secondseco", second)]])
        #expect(tagValues(effective) == ["A", "B"])
    }

    @Test("Two restrictions at one level intersect: only operators both allow reach the children")
    func restrictionsAtOneLevelIntersect() throws {
        let f = tagValue(#""@@assign":["Development"],"@@operators_allowed_for_child_policies":["@@append","@@remove"]"#)
        let g = tagValue(#""@@operators_allowed_for_child_policies":["@@append","@@assign"]"#)
        let child = tagValue(#""@@remove":["Development"],"@@append":["Support"]"#)
        let childAssign = tagValue(#""@@assign":["Sandbox"]"#)
        let effective = try merge([
            [input("p-ffffffffff", f), input("p-gggggggggg", g)], [input("p-childchild", child), input("p-assignassi", childAssign)],
        ])
        #expect(tagValues(effective) == ["Development", "Support"])
        #expect(effective.issues.isEmpty)
    }

    @Test("Conflicting @@assign at one level: the policy attached first wins, and the others' @@append still counts")
    func firstAttachedWins() throws {
        let one = tagValue(#""@@assign":["One"]"#)
        let two = tagValue(#""@@assign":["Two"]"#)
        let three = tagValue(#""@@append":["Three"]"#)
        #expect(tagValues(try merge([[input("p-oneoneoneo", one), input("p-twotwotwot", two), input("p-threethree", three)]])) == ["One", "Three"])
        #expect(tagValues(try merge([[input("p-twotwotwot", two), input("p-oneoneoneo", one)]])) == ["Two"])
    }

    @Test("Tag policy keys merge case-insensitively and are shown in lower case")
    func policyKeysAreCaseInsensitive() throws {
        let root = #"{"tags":{"CostCenter":{"tag_key":{"@@assign":"CostCenter"}}}}"#
        let ou = #"{"tags":{"COSTCENTER":{"tag_value":{"@@assign":["A"]}}}}"#
        let effective = try merge([[input("p-rootrootro", root)], [input("p-ououououou", ou)]])
        #expect(effective.text == #"{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["A"]}}}"#)
    }

    @Test("Other policy types keep member names case-sensitive")
    func otherTypesAreCaseSensitive() throws {
        let root = #"{"services":{"Default":{"opt_out_policy":{"@@assign":"optOut"}}}}"#
        let ou = #"{"services":{"default":{"opt_out_policy":{"@@assign":"optIn"}}}}"#
        let effective = try merge([[input("p-rootrootro", root)], [input("p-ououououou", ou)]], type: "AISERVICES_OPT_OUT_POLICY")
        #expect(effective.text == #"{"services":{"Default":{"opt_out_policy":"optOut"},"default":{"opt_out_policy":"optIn"}}}"#)
    }

    @Test("A tag that never got a tag_key takes its lower-case policy key, which is not an issue")
    func missingTagKeyDefaults() throws {
        let effective = try merge([[input("p-rootrootro", tagValue(#""@@assign":["A"]"#, key: "Owner"))]])
        #expect(effective.text == #"{"tags":{"owner":{"tag_key":"owner","tag_value":["A"]}}}"#)
        #expect(effective.issues.isEmpty)
    }

    @Test("No policy on any level means no effective policy (EffectivePolicyNotFound)")
    func noPoliciesIsNil() {
        #expect(EffectivePolicyMerger.merge(type: "TAG_POLICY", levels: []) == nil)
        #expect(EffectivePolicyMerger.merge(type: "TAG_POLICY", levels: [[], [], []]) == nil)
    }

    @Test("A stored document that does not parse is skipped, not fatal")
    func unparsableDocumentIsSkipped() throws {
        let effective = try merge([[input("p-brokenbrok", "{not json"), input("p-aaaaaaaaaa", Self.policyA)]])
        #expect(tagValues(effective) == ["Development", "Support"])
    }

    // MARK: - Invalid effective policies

    @Test("A merged tag list longer than 1,000 values is ELEMENTS_TOO_MANY, naming the policies that built it")
    func tooManyTagValues() throws {
        func values(_ prefix: String, _ count: Int) -> String { (0..<count).map { #""\#(prefix)\#($0)""# }.joined(separator: ",") }
        let root = tagValue(#""@@assign":[\#(values("r", 600))]"#)
        let ou = tagValue(#""@@append":[\#(values("o", 401))]"#)
        let effective = try merge([[input("p-rootrootro", root)], [input("p-ououououou", ou)]])
        #expect(tagValues(effective)?.count == 1_001)
        let issue = try #require(effective.issues.first)
        #expect(effective.issues.count == 1)
        #expect(issue.errorCode == "ELEMENTS_TOO_MANY")
        #expect(issue.pathToError == "tags.costcenter.tag_value")
        #expect(issue.contributingPolicies == ["p-rootrootro", "p-ououououou"])

        let exactly = tagValue(#""@@append":[\#(values("o", 400))]"#)
        #expect(try merge([[input("p-rootrootro", root)], [input("p-ououououou", exactly)]]).issues.isEmpty)
    }

    @Test("A backup rule without target_backup_vault_name is MISSING_REQUIRED_ELEMENT; a complete plan is valid")
    func backupRuleMissingVault() throws {
        let root = #"""
            {"plans":{"PII_Backup_Plan":{"regions":{"@@assign":["us-east-1"]},
              "rules":{"Daily":{"schedule_expression":{"@@assign":"cron(0 5 ? * * *)"},"target_backup_vault_name":{"@@assign":"Vault"}}},
              "selections":{"tags":{"datatype":{"iam_role_arn":{"@@assign":"arn:aws:iam::$account:role/Backup"},"tag_key":{"@@assign":"dataType"},"tag_value":{"@@assign":["PII"]}}}}}}}
            """#
        #expect(ManagementPolicySyntax.problem(in: root, type: "BACKUP_POLICY") == nil)
        #expect(try merge([[input("p-rootrootro", root)]], type: "BACKUP_POLICY").issues.isEmpty)

        let ou = #"{"plans":{"PII_Backup_Plan":{"rules":{"Hourly":{"schedule_expression":{"@@assign":"cron(0 * ? * * *)"}}}}}}"#
        let effective = try merge([[input("p-rootrootro", root)], [input("p-ououououou", ou)]], type: "BACKUP_POLICY")
        #expect(
            effective.issues == [
                EffectivePolicyIssue(
                    errorCode: "MISSING_REQUIRED_ELEMENT",
                    message:
                        #"The effective rule "Hourly" of backup plan "PII_Backup_Plan" has no "target_backup_vault_name", which AWS Backup requires to run it."#,
                    pathToError: "plans.PII_Backup_Plan.rules.Hourly.target_backup_vault_name",
                    contributingPolicies: ["p-ououououou"])
            ])

        let noRegions = try merge([[input("p-ououououou", ou)]], type: "BACKUP_POLICY")
        #expect(noRegions.issues.map(\.pathToError).contains("plans.PII_Backup_Plan.regions"))
    }

    @Test("@@append onto an inherited single value keeps the value and reports INVALID_OPERATOR")
    func appendOntoScalarIsInvalidOperator() throws {
        let root = #"{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}}}}"#
        let ou = #"{"services":{"default":{"opt_out_policy":{"@@append":["optIn"]}}}}"#
        let effective = try merge([[input("p-rootrootro", root)], [input("p-ououououou", ou)]], type: "AISERVICES_OPT_OUT_POLICY")
        #expect(effective.text == #"{"services":{"default":{"opt_out_policy":"optOut"}}}"#)
        #expect(effective.issues.map(\.errorCode) == ["INVALID_OPERATOR"])
        #expect(effective.issues.first?.pathToError == "services.default.opt_out_policy")
        #expect(effective.issues.first?.contributingPolicies == ["p-rootrootro", "p-ououououou"])
    }

    // MARK: - Output text

    @Test("The text is compact JSON in member order, with strings escaped and numbers as written")
    func compactText() throws {
        let content = JSONValue.object([
            "b": .string("quote \" slash \\ line\n tab\t bell\u{07} é"), "a": .array([.number("10.0"), .bool(true), .null]),
        ])
        #expect(
            EffectivePolicy(content: content, issues: []).text == #"{"b":"quote \" slash \\ line\n tab\t bell\u0007 é","a":[10.0,true,null]}"#)

        let spaced = """
            {
              "tags": { "costcenter": { "tag_key": { "@@assign": "CostCenter" } } }
            }
            """
        #expect(try merge([[input("p-rootrootro", spaced)]]).text == #"{"tags":{"costcenter":{"tag_key":"CostCenter"}}}"#)
    }

    // MARK: - Syntax

    @Test("Cairn serves the eleven management types and neither authorization type")
    func typesExcludeAuthorizationPolicies() {
        #expect(ManagementPolicySyntax.types.count == 11)
        #expect(ManagementPolicySyntax.types.contains("TAG_POLICY"))
        #expect(!ManagementPolicySyntax.types.contains("SERVICE_CONTROL_POLICY"))
        #expect(!ManagementPolicySyntax.types.contains("RESOURCE_CONTROL_POLICY"))
    }

    @Test(
        "Well-formed documents are accepted",
        arguments: [
            (ManagementPolicyTests.policyA, "TAG_POLICY"),
            (ManagementPolicyTests.policyB, "TAG_POLICY"),
            (ManagementPolicyTests.policyC, "TAG_POLICY"),
            (
                #"{"tags":{"Owner":{"tag_key":{"@@assign":"owner"},"tag_value":{"@@assign":["*"]},"enforced_for":{"@@assign":["secretsmanager:ALL_SUPPORTED"]}}}}"#,
                "TAG_POLICY"
            ),
            (
                #"{"tags":{"env":{"tag_value":{"@@assign":["prod*"],"@@operators_allowed_for_child_policies":["@@append","@@remove"]}}}}"#,
                "TAG_POLICY"
            ),
            (#"{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}}}}"#, "AISERVICES_OPT_OUT_POLICY"),
            (
                #"{"ec2_attributes":{"@@operators_allowed_for_child_policies":["@@none"],"image_block_public_access":{"state":{"@@assign":"block_new_sharing"}}}}"#,
                "DECLARATIVE_POLICY_EC2"
            ),
        ])
    func acceptsWellFormed(content: String, type: String) {
        #expect(ManagementPolicySyntax.problem(in: content, type: type) == nil)
    }

    @Test(
        "Malformed documents are refused with the path to the problem",
        arguments: [
            ("[]", "TAG_POLICY", "", "top level"),
            (#""tags""#, "BACKUP_POLICY", "", "top level"),
            ("{\"tags\":", "TAG_POLICY", "", "not valid JSON"),
            (
                #"{"tags":{"costcenter":{"tag_value":{"@@replace":["A"]}}}}"#, "TAG_POLICY", "tags.costcenter.tag_value",
                "@@replace is not an inheritance operator"
            ),
            (#"{"plans":{"p":{"regions":{"@@append":"us-east-1"}}}}"#, "BACKUP_POLICY", "plans.p.regions", "must be a JSON array"),
            (#"{"tags":{"costcenter":{"tag_value":{"@@append":"Marketing"}}}}"#, "TAG_POLICY", "tags.costcenter.tag_value", "must be a JSON array"),
            (
                #"{"tags":{"costcenter":{"enforced_for":{"@@assign":["*"]}}}}"#, "TAG_POLICY", "tags.costcenter.enforced_for",
                "cannot name every service"
            ),
            (
                #"{"tags":{"costcenter":{"enforced_for":{"@@assign":["redshift"]}}}}"#, "TAG_POLICY", "tags.costcenter.enforced_for",
                "service:resourceType"
            ),
            (
                #"{"tags":{"costcenter":{"enforced_for":{"@@append":["ec2:*:x"]}}}}"#, "TAG_POLICY", "tags.costcenter.enforced_for",
                "service:resourceType"
            ),
            (#"{"tags":{"costcenter":{"tag_key":{"@@assign":"Owner"}}}}"#, "TAG_POLICY", "tags.costcenter.tag_key", "ignoring case"),
            (#"{"tags":{"costcenter":{"tag_key":{"@@append":["CostCenter"]}}}}"#, "TAG_POLICY", "tags.costcenter.tag_key", "single value"),
            (#"{"tags":{"costcenter":{"tag_value":{"@@assign":["*a*"]}}}}"#, "TAG_POLICY", "tags.costcenter.tag_value", "more than one \"*\""),
            (#"{"tags":{"costcenter":{"tag_valu":{"@@assign":["A"]}}}}"#, "TAG_POLICY", "tags.costcenter.tag_valu", "not a tag policy setting"),
            (#"{"tags":{"costcenter":{}},"x":1}"#, "TAG_POLICY", "tags.costcenter", "is empty"),
            (#"{"tags":{"a":{"tag_key":{"@@assign":"a"}},"A":{"tag_key":{"@@assign":"A"}}}}"#, "TAG_POLICY", "tags.A", "case-insensitive"),
            (#"{"policies":{"x":{"@@assign":1}}}"#, "TAG_POLICY", "policies", "not a tag policy element"),
            (#"{"tags":{"costcenter":{"tag_key":"CostCenter"}}}"#, "TAG_POLICY", "tags.costcenter.tag_key", "bare JSON string"),
            (#"{"x":{"@@assign":1,"y":{"@@assign":2}}}"#, "S3_POLICY", "x", "mixes"),
            (#"{"x":{"@@operators_allowed_for_child_policies":["@@none","@@assign"]}}"#, "S3_POLICY", "x", "must stand alone"),
            (#"{"x":{"@@operators_allowed_for_child_policies":["@@replace"]}}"#, "S3_POLICY", "x", "is not allowed"),
            (#"{"@@assign":{"x":1}}"#, "S3_POLICY", "", "holds settings"),
        ])
    func refusesMalformed(content: String, type: String, path: String, fragment: String) throws {
        let problem = try #require(ManagementPolicySyntax.problem(in: content, type: type))
        #expect(problem.path == path)
        #expect(problem.message.contains(fragment), "\(problem.message)")
    }

    @Test("Tag keys over 128 characters and tag values over 256 are refused, as AWS's tag limits")
    func tagLengthLimits() {
        let longKey = String(repeating: "k", count: 129)
        #expect(
            ManagementPolicySyntax.problem(in: #"{"tags":{"\#(longKey)":{"tag_key":{"@@assign":"\#(longKey)"}}}}"#, type: "TAG_POLICY")?.path
                == "tags.\(longKey)")
        let longValue = String(repeating: "v", count: 257)
        #expect(
            ManagementPolicySyntax.problem(in: tagValue(#""@@assign":["\#(longValue)"]"#), type: "TAG_POLICY")?.path == "tags.costcenter.tag_value")
        #expect(ManagementPolicySyntax.problem(in: tagValue(#""@@assign":["\#(longValue.dropLast())"]"#), type: "TAG_POLICY") == nil)
    }
}
