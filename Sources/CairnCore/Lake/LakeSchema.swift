/// The columns of each kind of event data store (§2 of the Lake reference), each mapped to where the event record
/// keeps it. Keys are the record's own camelCase spellings; names are matched case-insensitively.
enum LakeSchema {
    static func columns(_ kind: LakeStoreKind) -> [LakeField] {
        switch kind {
        case .cloudTrail: return cloudTrail
        case .activityAuditLog: return activityAuditLog
        case .insight: return insight
        }
    }

    private static func field(_ name: String, _ key: String? = nil, _ type: LakeType = .varchar, physical: String? = nil) -> LakeField {
        LakeField(name: name, path: [key ?? name], type: type, physical: physical)
    }

    private static func text(_ keys: String...) -> [LakeField] { keys.map { field($0.lowercased(), $0) } }

    static let eventTime = LakeField(name: "eventtime", path: ["eventTime"], type: .timestamp, physical: "{r}.\"event_time\"")

    private static let sessionIssuer = field(
        "sessionissuer", "sessionIssuer", .row(text("type", "principalId", "arn", "accountId", "userName")))

    private static let sessionContext = field(
        "sessioncontext", "sessionContext",
        .row([
            field("attributes", nil, .row([field("creationdate", "creationDate", .timestamp), field("mfaauthenticated", "mfaAuthenticated")])),
            sessionIssuer,
            field(
                "webidfederationdata", "webIdFederationData",
                .row([field("federatedprovider", "federatedProvider"), field("attributes", nil, .map(.varchar))])),
            field("sourceidentity", "sourceIdentity"),
            field("ec2roledelivery", "ec2RoleDelivery"),
            field("ec2issuedinvpc", "ec2IssuedInVPC"),
        ]))

    private static let userIdentity: LakeField = {
        var credentials = field("credentialsissuedto", "credentialsIssuedTo")
        credentials.aliases = ["credentiaisissuedto"]
        return field(
            "useridentity", "userIdentity",
            .row(
                text("type", "principalId", "arn", "accountId") + [field("accesskeyid", "accessKeyId", physical: "{r}.\"access_key_id\"")]
                    + text("userName", "invokedBy", "identityProvider") + [
                        sessionContext,
                        field("onbehalfof", "onBehalfOf", .row(text("userId", "identityStoreArn"))),
                        field("inscopeof", "inScopeOf", .row(text("sourceArn", "sourceAccount", "issuerType") + [credentials])),
                    ]))
    }()

    static let cloudTrail: [LakeField] =
        [
            field("eventversion", "eventVersion"),
            userIdentity,
            eventTime,
            field("eventsource", "eventSource", physical: "{r}.\"event_source\""),
            field("eventname", "eventName", physical: "{r}.\"event_name\""),
            field("awsregion", "awsRegion", physical: "{r}.\"region\""),
            field("sourceipaddress", "sourceIPAddress"),
            field("useragent", "userAgent"),
            field("errorcode", "errorCode", physical: "{r}.\"error_code\""),
            field("errormessage", "errorMessage"),
            field("requestparameters", "requestParameters", .map(.varchar)),
            field("responseelements", "responseElements", .map(.varchar)),
            field("additionaleventdata", "additionalEventData", .map(.varchar)),
            field("requestid", "requestID"),
            field("eventid", "eventID"),
            field("readonly", "readOnly", .boolean, physical: "{r}.\"read_only\""),
            field(
                "resources", nil,
                .array(.row([field("accountid", "accountId"), field("type"), field("arn", "ARN"), field("arnprefix", "ARNPrefix")]))),
            field("eventtype", "eventType"),
            field("apiversion", "apiVersion"),
            field("managementevent", "managementEvent", .boolean),
            field("recipientaccountid", "recipientAccountId", physical: "{r}.\"account_id\""),
            field("sharedeventid", "sharedEventID"),
            field("annotation"),
            field("vpcendpointid", "vpcEndpointId"),
            field("vpcendpointaccountid", "vpcEndpointAccountId"),
            field("serviceeventdetails", "serviceEventDetails", .map(.varchar)),
            field("addendum", nil, .map(.varchar)),
            field("eventcategory", "eventCategory", physical: "{r}.\"event_category\""),
            field("edgedevicedetails", "edgeDeviceDetails", .map(.varchar)),
            field("insightdetails", "insightDetails", .map(.varchar)),
            field("tlsdetails", "tlsDetails", .row(text("tlsVersion", "cipherSuite", "clientProvidedHostHeader"))),
            field("sessioncredentialfromconsole", "sessionCredentialFromConsole"),
        ] + whole

    /// The record itself as JSON text, for `json_extract_scalar(eventjson, '$.…')`; not listed by `SELECT *`.
    static let whole: [LakeField] = [
        LakeField(name: "eventjson", path: [], type: .varchar, physical: "cairn_lake_compact({r}.\"record\")"),
        LakeField(name: "eventjsonchecksum", path: [], type: .varchar, physical: "md5(cairn_lake_compact({r}.\"record\"))"),
    ]

    private static let shares = LakeType.array(.row([field("value"), field("average", nil, .double)]))

    static let insight: [LakeField] =
        [
            field("eventversion", "eventVersion"),
            field("eventcategory", "eventCategory"),
            field("eventtype", "eventType"),
            field("eventid", "eventID"),
            eventTime,
            field("awsregion", "awsRegion"),
            field("recipientaccountid", "recipientAccountId"),
            field("sharedeventid", "sharedEventID"),
            field("addendum", nil, .map(.varchar)),
            field("insightsource", "insightSource"),
            LakeField(name: "insightstate", path: ["insightDetails", "state"], type: .varchar),
            LakeField(name: "insighteventsource", path: ["insightDetails", "eventSource"], type: .varchar),
            LakeField(name: "insighteventname", path: ["insightDetails", "eventName"], type: .varchar),
            LakeField(name: "insighterrorcode", path: ["insightDetails", "errorCode"], type: .varchar),
            LakeField(name: "insighttype", path: ["insightDetails", "insightType"], type: .varchar),
            LakeField(
                name: "insightcontext", path: ["insightDetails", "insightContext"],
                type: .row([
                    LakeField(name: "baselineaverage", path: ["statistics", "baseline", "average"], type: .double),
                    LakeField(name: "insightaverage", path: ["statistics", "insight", "average"], type: .double),
                    LakeField(name: "baselineduration", path: ["statistics", "baselineDuration"], type: .bigint),
                    LakeField(name: "insightduration", path: ["statistics", "insightDuration"], type: .bigint),
                    field("attributions", nil, .array(.row([field("attribute"), field("insight", nil, shares), field("baseline", nil, shares)]))),
                ])),
        ] + whole

    static let activityAuditLog: [LakeField] = {
        var errorMessage = field("errormessage", "errorMessage")
        errorMessage.aliases = ["errormssage"]
        let eventData = field(
            "eventdata", "eventData",
            .row(
                text("version", "userAgent", "eventSource", "eventName") + [field("uid", "UID")]
                    + text("sourceIPAddress", "recipientAccountId", "errorCode") + [
                        errorMessage,
                        field("eventtime", "eventTime"),
                        field("useridentity", "userIdentity", .row(text("type", "principalId") + [field("details", nil, .map(.varchar))])),
                        field("requestparameters", "requestParameters", .map(.varchar)),
                        field("responseelements", "responseElements", .map(.varchar)),
                        field("additionaleventdata", "additionalEventData", .map(.varchar)),
                    ]))
        return [
            field("eventversion", "eventVersion"),
            field("eventcategory", "eventCategory"),
            field("eventtype", "eventType"),
            field("eventid", "eventID"),
            eventTime,
            field("awsregion", "awsRegion"),
            field("recipientaccountid", "recipientAccountId"),
            field("addendum", nil, .row(text("reason", "updatedFields", "originalUID", "originalEventID"))),
            field("metadata", nil, .row([field("ingestiontime", "ingestionTime"), field("channelarn", "channelARN")])),
            eventData,
        ] + whole
    }()
}
