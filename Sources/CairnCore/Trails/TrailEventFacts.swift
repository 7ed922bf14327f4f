/// The facts about one recorded event that event selectors can look at.
package struct TrailEventFacts: Hashable, Sendable {
    package struct Resource: Hashable, Sendable {
        package let type: String
        package let arn: String

        package init(type: String, arn: String) {
            self.type = type
            self.arn = arn
        }
    }

    /// `Management`, `Data`, `NetworkActivity` or `Insight`, capitalised as in the record.
    package let eventCategory: String
    package let eventSource: String
    package let eventName: String
    package let readOnly: Bool
    package let eventType: String?
    package let resources: [Resource]
    package let sessionCredentialFromConsole: Bool
    package let userIdentityArn: String?
    package let errorCode: String?
    package let vpcEndpointId: String?

    package init(
        eventCategory: String, eventSource: String, eventName: String, readOnly: Bool, eventType: String? = nil,
        resources: [Resource] = [], sessionCredentialFromConsole: Bool = false, userIdentityArn: String? = nil,
        errorCode: String? = nil, vpcEndpointId: String? = nil
    ) {
        self.eventCategory = eventCategory
        self.eventSource = eventSource
        self.eventName = eventName
        self.readOnly = readOnly
        self.eventType = eventType
        self.resources = resources
        self.sessionCredentialFromConsole = sessionCredentialFromConsole
        self.userIdentityArn = userIdentityArn
        self.errorCode = errorCode
        self.vpcEndpointId = vpcEndpointId
    }

    /// The value of a non-resource field as advanced selectors compare it (booleans as "true"/"false");
    /// nil when the record does not carry the field.
    func value(of field: String) -> String? {
        switch field {
        case "eventCategory": eventCategory
        case "eventSource": eventSource
        case "eventName": eventName
        case "readOnly": readOnly ? "true" : "false"
        case "eventType": eventType
        case "sessionCredentialFromConsole": sessionCredentialFromConsole ? "true" : "false"
        case "userIdentity.arn": userIdentityArn
        case "errorCode": errorCode
        case "vpcEndpointId": vpcEndpointId
        default: nil
        }
    }
}
