import Testing

@testable import CairnPolicy

@Suite("Evaluation: defaults, deny-first, root")
struct EvaluationBasicsTests {
    let allowAll = doc(stmt(sid: "AllowAll"))

    @Test func nothingAllowsMeansImplicitDenyByIdentity() throws {
        let r = try evaluate(action: "cloudtrail:GetTrail", resource: Fixture.trail)
        #expect(r.decision == .implicitDeny)
        #expect(r.decidingPolicyType == .identity)
    }

    @Test func explicitDenyBeatsAnyAllowRegardlessOfOrder() throws {
        let deny = doc(stmt("Deny", action: #""cloudtrail:DeleteTrail""#, sid: "NoDelete"))
        for identity in [[allowAll, deny], [deny, allowAll]] {
            let r = try evaluate(action: "cloudtrail:DeleteTrail", resource: Fixture.trail, identity: identity)
            #expect(r.decision == .explicitDeny)
            #expect(r.matchedStatements.contains { $0.sid == "NoDelete" && $0.effect == .deny })
        }
    }

    @Test func denyInAResourcePolicyIsExplicitDenyOfTypeResource() throws {
        let res = doc(stmt("Deny", #""Principal":"*""#))
        let r = try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll], resourcePolicies: [res])
        #expect(r.decision == .explicitDeny && r.decidingPolicyType == .resource)
    }

    @Test func rootUserHasFullAccessInItsOwnAccount() throws {
        let r = try evaluate(principal: Fixture.root, action: "cloudtrail:DeleteTrail", resource: Fixture.trail)
        #expect(r.decision == .allow)
        #expect(r.decidingPolicyType == nil)
    }

    @Test func rootUserIsStillSubjectToExplicitDenies() throws {
        let res = doc(stmt("Deny", #""Principal":"*""#))
        #expect(
            try evaluate(principal: Fixture.root, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [res]).decision
                == .explicitDeny)
    }

    @Test func rootUserCrossAccountNeedsTheResourcePolicy() throws {
        #expect(try evaluate(principal: Fixture.otherRoot, action: "cloudtrail:GetChannel", resource: Fixture.channel).decision == .implicitDeny)
        let res = doc(stmt(#""Principal":{"AWS":"222222222222"}"#))
        #expect(
            try evaluate(principal: Fixture.otherRoot, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [res]).decision
                == .allow)
    }

    @Test func getCallerIdentityWorksEvenWhenExplicitlyDenied() throws {
        let deny = doc(stmt("Deny"))
        let r = try evaluate(action: "sts:GetCallerIdentity", identity: [deny], scps: [[deny]])
        #expect(r.decision == .allow)
    }

    @Test func matchedStatementsRecordTypeIndexAndSid() throws {
        let p0 = doc(stmt(action: #""s3:*""#))
        let p1 = doc(stmt(action: #""s3:*""#), stmt(action: #""cloudtrail:Get*""#, sid: "ReadTrails"))
        let r = try evaluate(action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [p0, p1])
        #expect(
            r.matchedStatements == [MatchedStatement(policyType: .identity, policyIndex: 1, statementIndex: 1, sid: "ReadTrails", effect: .allow)])
    }

    @Test func missingContextKeysListsKeysThePoliciesReadButTheRequestLacked() throws {
        let p = doc(stmt(#""Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"},"Bool":{"aws:SecureTransport":"true"}}"#))
        let r = try evaluate(action: "cloudtrail:GetTrail", resource: Fixture.trail, context: ["aws:SecureTransport": .single("true")], identity: [p])
        #expect(r.decision == .implicitDeny)
        #expect(r.missingContextKeys == ["aws:RequestedRegion"])
    }

    @Test func statementsOfOtherServicesAreNotConsultedForMissingKeys() throws {
        let p = doc(stmt(action: #""s3:*""#, #""Condition":{"StringEquals":{"s3:prefix":"x"}}"#))
        #expect(try evaluate(action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [p]).missingContextKeys.isEmpty)
    }
}

@Suite("Evaluation: service control policies")
struct SCPTests {
    let fullAccess = doc(stmt(sid: "FullAWSAccess"))
    let allowAll = doc(stmt())

    @Test func anAllowIsNeededAtEveryLevel() throws {
        let ctOnly = doc(stmt(action: #""cloudtrail:*""#))
        #expect(
            try evaluate(action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [allowAll], scps: [[fullAccess], [ctOnly], [fullAccess]])
                .decision == .allow)
        let r = try evaluate(action: "iam:CreateUser", identity: [allowAll], scps: [[fullAccess], [ctOnly], [fullAccess]])
        #expect(r.decision == .implicitDeny)
        #expect(r.decidingPolicyType == .scp)
        let missingAtAccount = try evaluate(
            action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [allowAll], scps: [[fullAccess], [fullAccess], []])
        #expect(missingAtAccount.decision == .implicitDeny && missingAtAccount.decidingPolicyType == .scp)
    }

    @Test func scpsNeverGrant() throws {
        let r = try evaluate(action: "cloudtrail:GetTrail", resource: Fixture.trail, scps: [[fullAccess], [fullAccess]])
        #expect(r.decision == .implicitDeny && r.decidingPolicyType == .identity)
    }

    @Test func aDenyAtAnyLevelIsExplicit() throws {
        let deny = doc(stmt(), stmt("Deny", action: #""cloudtrail:StopLogging""#))
        let r = try evaluate(
            action: "cloudtrail:StopLogging", resource: Fixture.trail, identity: [allowAll], scps: [[fullAccess], [deny], [fullAccess]])
        #expect(r.decision == .explicitDeny && r.decidingPolicyType == .scp)
    }

    @Test func scpsDoNotApplyToTheManagementAccount() throws {
        let deny = doc(stmt("Deny"))
        #expect(
            try evaluate(action: "cloudtrail:StopLogging", resource: Fixture.trail, isManagementAccount: true, identity: [allowAll], scps: [[deny]])
                .decision == .allow)
    }

    @Test func scpsApplyToTheRootUserOfMemberAccounts() throws {
        let deny = doc(stmt(), stmt("Deny", action: #""cloudtrail:StopLogging""#))
        #expect(
            try evaluate(principal: Fixture.root, action: "cloudtrail:StopLogging", resource: Fixture.trail, scps: [[deny]]).decision == .explicitDeny
        )
        #expect(
            try evaluate(principal: Fixture.root, action: "cloudtrail:GetTrail", resource: Fixture.trail, scps: [[doc(stmt(action: #""s3:*""#))]])
                .decision == .implicitDeny)
    }

    @Test func scpsDoNotApplyToServiceLinkedRoles() throws {
        let deny = doc(stmt("Deny"))
        let slr = "arn:aws:sts::111111111111:assumed-role/AWSServiceRoleForCloudTrail/s"
        let r = try evaluate(
            principal: slr, action: "cloudtrail:GetTrail",
            roleArn: "arn:aws:iam::111111111111:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail", identity: [allowAll],
            scps: [[deny]])
        #expect(r.decision == .allow)
    }

    @Test func scpsCapSameAccountResourcePolicyGrants() throws {
        let res = doc(stmt(#""Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"}"#))
        let ctOnly = doc(stmt(action: #""s3:*""#))
        #expect(
            try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [res], scps: [[ctOnly]]).decision
                == .implicitDeny)
    }

    @Test func scpConditionsAndNotResourceWork() throws {
        let regionLock = doc(
            stmt(),
            #"{"Effect":"Deny","Action":"*","NotResource":"arn:aws:cloudtrail:us-east-1:*:*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}"#
        )
        #expect(
            try evaluate(
                action: "cloudtrail:GetTrail", resource: "arn:aws:cloudtrail:eu-west-1:111111111111:trail/x",
                context: ["aws:RequestedRegion": .single("eu-west-1")], identity: [allowAll], scps: [[regionLock]]
            ).decision == .explicitDeny)
        #expect(
            try evaluate(
                action: "cloudtrail:GetTrail", resource: Fixture.trail, context: ["aws:RequestedRegion": .single("us-east-1")], identity: [allowAll],
                scps: [[regionLock]]
            ).decision == .allow)
    }
}

@Suite("Evaluation: resource-based policies")
struct ResourcePolicyTests {
    let allowAll = doc(stmt())
    func resource(_ principal: String) -> String {
        doc(stmt(action: #""cloudtrail:GetChannel""#, resource: nil, sid: "Grant", #""Principal":\#(principal)"#))
    }
    let boundaryS3 = doc(stmt(action: #""s3:*""#))

    @Test func sameAccountIdentityAllowAloneIsEnough() throws {
        #expect(try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll]).decision == .allow)
    }

    @Test func sameAccountResourceAllowNamingTheUserIsEnoughEvenWithABoundary() throws {
        let r = try evaluate(
            action: "cloudtrail:GetChannel", resource: Fixture.channel,
            resourcePolicies: [resource(#"{"AWS":"arn:aws:iam::111111111111:user/alice"}"#)], boundaries: [boundaryS3])
        #expect(r.decision == .allow && r.decidingPolicyType == .resource)
    }

    @Test func namingTheRoleIsLimitedByBoundaryAndSessionPolicies() throws {
        let named = resource(#"{"AWS":"arn:aws:iam::111111111111:role/Dev"}"#)
        #expect(
            try evaluate(principal: Fixture.session, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [named]).decision
                == .allow)
        let b = try evaluate(
            principal: Fixture.session, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [named],
            boundaries: [boundaryS3])
        #expect(b.decision == .implicitDeny && b.decidingPolicyType == .permissionsBoundary)
        let s = try evaluate(
            principal: Fixture.session, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [named],
            sessionPolicies: [boundaryS3])
        #expect(s.decision == .implicitDeny && s.decidingPolicyType == .session)
    }

    @Test func namingTheSessionIsNotLimited() throws {
        let named = resource(#"{"AWS":"arn:aws:sts::111111111111:assumed-role/Dev/alice-session"}"#)
        #expect(
            try evaluate(
                principal: Fixture.session, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [named],
                boundaries: [boundaryS3], sessionPolicies: [boundaryS3]
            ).decision == .allow)
    }

    @Test func sessionArnsMustNameTheExactSession() throws {
        let named = resource(#"{"AWS":"arn:aws:sts::111111111111:assumed-role/Dev/other"}"#)
        #expect(
            try evaluate(principal: Fixture.session, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [named]).decision
                == .implicitDeny)
    }

    @Test func namingTheFederatedSessionIsNotLimitedButNamingTheFederatingUserIs() throws {
        let session = resource(#"{"AWS":"arn:aws:sts::111111111111:federated-user/bob"}"#)
        #expect(
            try evaluate(principal: Fixture.federated, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [session])
                .decision == .allow)
        let user = resource(#"{"AWS":"arn:aws:iam::111111111111:user/bob"}"#)
        // No session policy: a federated session has no permissions, so the user-named grant is cut.
        #expect(
            try evaluate(
                principal: Fixture.federated, action: "cloudtrail:GetChannel", resource: Fixture.channel,
                sourceUserArn: "arn:aws:iam::111111111111:user/bob", resourcePolicies: [user]
            ).decision == .implicitDeny)
        #expect(
            try evaluate(
                principal: Fixture.federated, action: "cloudtrail:GetChannel", resource: Fixture.channel,
                sourceUserArn: "arn:aws:iam::111111111111:user/bob", resourcePolicies: [user], sessionPolicies: [allowAll]
            ).decision == .allow)
    }

    @Test func namingTheAccountDelegatesToIdentityPolicies() throws {
        for principal in [#"{"AWS":"111111111111"}"#, #"{"AWS":"arn:aws:iam::111111111111:root"}"#] {
            let named = resource(principal)
            let denied = try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [named])
            #expect(denied.decision == .implicitDeny && denied.decidingPolicyType == .identity)
            #expect(
                try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll], resourcePolicies: [named]).decision
                    == .allow)
        }
    }

    @Test func wildcardPrincipalIsNotLimitedByIdentityOrBoundary() throws {
        #expect(
            try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [resource(#""*""#)], boundaries: [boundaryS3])
                .decision == .allow)
        #expect(
            try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [resource(#"{"AWS":"*"}"#)]).decision == .allow
        )
    }

    @Test func resourcePolicyStatementWithoutPrincipalNeverApplies() throws {
        let noPrincipal = doc(stmt())
        #expect(try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [noPrincipal]).decision == .implicitDeny)
        let denyNoPrincipal = doc(stmt("Deny"))
        #expect(
            try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll], resourcePolicies: [denyNoPrincipal])
                .decision == .allow)
    }

    @Test func crossAccountNeedsBothSides() throws {
        let grant = doc(stmt(action: #""cloudtrail:GetChannel""#, resource: nil, #""Principal":{"AWS":"arn:aws:iam::222222222222:user/carol"}"#))
        let idOnly = try evaluate(principal: Fixture.otherUser, action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll])
        #expect(idOnly.decision == .implicitDeny && idOnly.decidingPolicyType == .resource)
        let resOnly = try evaluate(
            principal: Fixture.otherUser, action: "cloudtrail:GetChannel", resource: Fixture.channel, resourcePolicies: [grant])
        #expect(resOnly.decision == .implicitDeny && resOnly.decidingPolicyType == .identity)
        #expect(
            try evaluate(
                principal: Fixture.otherUser, action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll],
                resourcePolicies: [grant]
            ).decision == .allow)
    }

    @Test func crossAccountAccountPrincipalIsSatisfiedByAnyPrincipalWhosePoliciesAllow() throws {
        let grant = resource(#"{"AWS":"222222222222"}"#)
        #expect(
            try evaluate(
                principal: Fixture.otherSession, action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll],
                resourcePolicies: [grant]
            ).decision == .allow)
        let b = try evaluate(
            principal: Fixture.otherSession, action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll],
            resourcePolicies: [grant], boundaries: [boundaryS3])
        #expect(b.decision == .implicitDeny && b.decidingPolicyType == .permissionsBoundary)
    }

    @Test func resourceAccountComesFromTheArnUnlessGiven() throws {
        let grant = resource(#"{"AWS":"arn:aws:iam::111111111111:user/alice"}"#)
        // S3-style ARNs carry no account: the caller says which account owns the bucket.
        let r = try evaluate(
            action: "cloudtrail:GetChannel", resource: "arn:aws:s3:::bucket", resourceAccount: Fixture.otherAccount, resourcePolicies: [grant])
        #expect(r.decision == .implicitDeny && r.decidingPolicyType == .identity)
    }

    @Test func serviceAndFederatedPrincipalsMatchTheirNames() throws {
        let grant = resource(#"{"Service":"cloudtrail.amazonaws.com"}"#)
        #expect(
            try evaluate(
                principal: "cloudtrail.amazonaws.com", action: "cloudtrail:GetChannel", resource: Fixture.channel, resourceAccount: Fixture.account,
                resourcePolicies: [grant]
            ).decision == .allow)
        #expect(
            try evaluate(
                principal: "config.amazonaws.com", action: "cloudtrail:GetChannel", resource: Fixture.channel, resourceAccount: Fixture.account,
                resourcePolicies: [grant]
            ).decision == .implicitDeny)
    }
}

@Suite("Evaluation: NotPrincipal")
struct NotPrincipalTests {
    let allowAll = doc(stmt())

    @Test func denyNotPrincipalExemptsOnlyTheListedPrincipals() throws {
        let res = doc(
            #"{"Effect":"Deny","Action":"*","NotPrincipal":{"AWS":["arn:aws:iam::111111111111:user/alice","arn:aws:iam::111111111111:root"]}}"#)
        #expect(
            try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll], resourcePolicies: [res]).decision == .allow
        )
        let other = "arn:aws:iam::111111111111:user/dave"
        #expect(
            try evaluate(principal: other, action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll], resourcePolicies: [res])
                .decision == .explicitDeny)
    }

    @Test func listingOnlyTheAccountRootDoesNotExemptItsOtherPrincipals() throws {
        let res = doc(#"{"Effect":"Deny","Action":"*","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"}}"#)
        let r = try evaluate(action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll], resourcePolicies: [res])
        // The account form names the account, so alice is "named" — AWS says she is still denied: root ARN ≠ alice.
        #expect(r.decision == .explicitDeny)
    }

    @Test func denyNotPrincipalAlwaysDeniesAPrincipalWithABoundary() throws {
        let res = doc(#"{"Effect":"Deny","Action":"*","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:user/alice"}}"#)
        let r = try evaluate(
            action: "cloudtrail:GetChannel", resource: Fixture.channel, identity: [allowAll], resourcePolicies: [res], boundaries: [allowAll])
        #expect(r.decision == .explicitDeny)
    }
}

@Suite("Evaluation: trust policies")
struct TrustPolicyTests {
    let allowAll = doc(stmt())
    let assume = "sts:AssumeRole"
    let target = "arn:aws:iam::111111111111:role/Target"

    func trust(_ principal: String) -> String {
        doc(#"{"Effect":"Allow","Action":"sts:AssumeRole","Principal":\#(principal)}"#)
    }

    @Test func identityAllowAloneCannotAssumeARole() throws {
        let r = try evaluate(action: assume, resource: target, identity: [allowAll])
        #expect(r.decision == .implicitDeny && r.decidingPolicyType == .trust)
    }

    @Test func trustNamingTheUserIsEnoughInTheSameAccount() throws {
        let r = try evaluate(action: assume, resource: target, resourcePolicies: [trust(#"{"AWS":"arn:aws:iam::111111111111:user/alice"}"#)])
        #expect(r.decision == .allow && r.decidingPolicyType == .trust)
        #expect(r.matchedStatements.first?.policyType == .trust)
    }

    @Test func trustNamingTheAccountDelegatesToTheCallersIdentityPolicy() throws {
        let t = trust(#"{"AWS":"arn:aws:iam::111111111111:root"}"#)
        #expect(try evaluate(action: assume, resource: target, resourcePolicies: [t]).decision == .implicitDeny)
        #expect(try evaluate(action: assume, resource: target, identity: [allowAll], resourcePolicies: [t]).decision == .allow)
    }

    @Test func crossAccountAssumeNeedsTrustAndIdentity() throws {
        let t = trust(#"{"AWS":"arn:aws:iam::222222222222:user/carol"}"#)
        #expect(try evaluate(principal: Fixture.otherUser, action: assume, resource: target, resourcePolicies: [t]).decision == .implicitDeny)
        #expect(
            try evaluate(principal: Fixture.otherUser, action: assume, resource: target, identity: [allowAll], resourcePolicies: [t]).decision
                == .allow)
    }

    @Test func explicitResourceKindOverridesDetection() throws {
        let t = trust(#"{"AWS":"arn:aws:iam::111111111111:root"}"#)
        let r = try evaluate(action: assume, resource: target, identity: [allowAll], resourcePolicies: [t], resourcePolicyKind: .resource)
        #expect(r.decision == .allow && r.decidingPolicyType == .identity)
    }
}

@Suite("Evaluation: permissions boundaries and session policies")
struct BoundaryAndSessionTests {
    let allowAll = doc(stmt())
    let ctRead = doc(stmt(action: #"["cloudtrail:Get*","cloudtrail:List*"]"#))

    @Test func boundaryIntersectsAndNeverGrants() throws {
        #expect(try evaluate(action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [allowAll], boundaries: [ctRead]).decision == .allow)
        let r = try evaluate(action: "cloudtrail:DeleteTrail", resource: Fixture.trail, identity: [allowAll], boundaries: [ctRead])
        #expect(r.decision == .implicitDeny && r.decidingPolicyType == .permissionsBoundary)
        #expect(try evaluate(action: "cloudtrail:GetTrail", resource: Fixture.trail, boundaries: [ctRead]).decision == .implicitDeny)
    }

    @Test func boundaryDenyIsExplicit() throws {
        let r = try evaluate(
            action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [allowAll],
            boundaries: [doc(stmt(), stmt("Deny", action: #""cloudtrail:GetTrail""#))])
        #expect(r.decision == .explicitDeny && r.decidingPolicyType == .permissionsBoundary)
    }

    @Test func boundaryAppliesCrossAccountToo() throws {
        let grant = doc(stmt(#""Principal":"*""#))
        let r = try evaluate(
            principal: Fixture.otherUser, action: "cloudtrail:DeleteTrail", resource: Fixture.trail, identity: [allowAll], resourcePolicies: [grant],
            boundaries: [ctRead])
        #expect(r.decision == .implicitDeny && r.decidingPolicyType == .permissionsBoundary)
    }

    @Test func sessionPoliciesIntersectAndCannotWiden() throws {
        #expect(
            try evaluate(
                principal: Fixture.session, action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [allowAll], sessionPolicies: [ctRead]
            ).decision == .allow)
        let r = try evaluate(
            principal: Fixture.session, action: "cloudtrail:DeleteTrail", resource: Fixture.trail, identity: [allowAll], sessionPolicies: [ctRead])
        #expect(r.decision == .implicitDeny && r.decidingPolicyType == .session)
        #expect(
            try evaluate(
                principal: Fixture.session, action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [ctRead], sessionPolicies: [allowAll]
            ).decision == .allow)
        #expect(
            try evaluate(
                principal: Fixture.session, action: "cloudtrail:DeleteTrail", resource: Fixture.trail, identity: [ctRead], sessionPolicies: [allowAll]
            ).decision == .implicitDeny)
    }

    @Test func multipleSessionPoliciesCombineAsAUnion() throws {
        let del = doc(stmt(action: #""cloudtrail:DeleteTrail""#))
        #expect(
            try evaluate(
                principal: Fixture.session, action: "cloudtrail:DeleteTrail", resource: Fixture.trail, identity: [allowAll],
                sessionPolicies: [ctRead, del]
            ).decision == .allow)
    }

    @Test func roleSessionWithoutSessionPolicyKeepsRolePermissionsFederatedSessionHasNone() throws {
        #expect(
            try evaluate(principal: Fixture.session, action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [allowAll]).decision == .allow)
        let f = try evaluate(principal: Fixture.federated, action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [allowAll])
        #expect(f.decision == .implicitDeny && f.decidingPolicyType == .session)
        #expect(
            try evaluate(
                principal: Fixture.federated, action: "cloudtrail:GetTrail", resource: Fixture.trail, identity: [allowAll], sessionPolicies: [ctRead]
            ).decision == .allow)
    }

    @Test func sessionPoliciesAreIgnoredForNonSessionPrincipals() throws {
        #expect(
            try evaluate(action: "cloudtrail:DeleteTrail", resource: Fixture.trail, identity: [allowAll], sessionPolicies: [ctRead]).decision
                == .allow)
    }
}

@Suite("Request context derived from the principal")
struct DerivedContextTests {
    @Test func principalKeysAreDerivedUnlessSupplied() {
        let p = RequestPrincipal(
            arn: Fixture.session, tags: ["Team": "core"], orgId: "o-abc1234567", orgPaths: ["o-abc1234567/r-ab12/ou-ab12-11111111/"])
        let r = AuthorizationRequest(
            principal: p, action: "cloudtrail:GetTrail", resource: Fixture.trail, context: ["aws:PrincipalType": .single("Custom")])
        #expect(r.context.singleValue("aws:principalarn") == Fixture.role)
        #expect(r.context.singleValue("aws:principalaccount") == Fixture.account)
        #expect(r.context.singleValue("aws:principaltag/team") == "core")
        #expect(r.context.singleValue("aws:principalorgid") == "o-abc1234567")
        #expect(r.context.values("aws:principalorgpaths")?.count == 1)
        #expect(r.context.singleValue("aws:principaltype") == "Custom")
        #expect(r.context.values("aws:username") == nil)
        #expect(r.context.singleValue("aws:resourceaccount") == Fixture.account)
    }

    @Test func usernameExistsOnlyForIAMUsers() {
        let user = AuthorizationRequest(principal: RequestPrincipal(arn: "arn:aws:iam::111111111111:user/path/alice"), action: "a:b", resource: "*")
        #expect(user.context.singleValue("aws:username") == "alice")
        let root = AuthorizationRequest(principal: RequestPrincipal(arn: Fixture.root), action: "a:b", resource: "*")
        #expect(root.context.values("aws:username") == nil)
        #expect(root.context.singleValue("aws:userid") == Fixture.account)
    }
}
