/// AWS's global condition context keys (`aws:…`) and their types, as the IAM User Guide's "AWS global
/// condition context keys" lists them. Keys ending in `/` take a tag key or other name after the slash.
package enum GlobalConditionKeys {
    package static let types: [String: String] = [
        "aws:assumedroot": "Bool", "aws:calledvia": "ArrayOfString", "aws:calledviafirst": "String", "aws:calledvialast": "String",
        "aws:chatbotsourcearn": "ARN", "aws:currenttime": "Date", "aws:ec2instancesourceprivateipv4": "IPAddress",
        "aws:ec2instancesourcevpc": "String", "aws:epochtime": "Date", "aws:federatedprovider": "String",
        "aws:multifactorauthage": "Numeric", "aws:multifactorauthpresent": "Bool", "aws:principalaccount": "String",
        "aws:principalarn": "ARN", "aws:principalisawsservice": "Bool", "aws:principalorgid": "String",
        "aws:principalorgpaths": "ArrayOfString", "aws:principalservicename": "String",
        "aws:principalservicenameslist": "ArrayOfString", "aws:principaltype": "String", "aws:referer": "String",
        "aws:requestedregion": "String", "aws:resourceaccount": "String", "aws:resourceorgid": "String",
        "aws:resourceorgpaths": "ArrayOfString", "aws:securetransport": "Bool", "aws:sourceaccount": "String",
        "aws:sourcearn": "ARN", "aws:sourceidentity": "String", "aws:sourceip": "IPAddress", "aws:sourceorgid": "String",
        "aws:sourceorgpaths": "ArrayOfString", "aws:sourcevpc": "String", "aws:sourcevpcarn": "ARN", "aws:sourcevpce": "String",
        "aws:tagkeys": "ArrayOfString", "aws:tokenissuetime": "Date", "aws:useragent": "String", "aws:userid": "String",
        "aws:username": "String", "aws:viaawsservice": "Bool", "aws:vpcsourceip": "IPAddress", "aws:vpceaccount": "String",
        "aws:vpceorgid": "String", "aws:vpceorgpaths": "ArrayOfString",
    ]

    /// Keys that name a tag (or, for aws:RequestAttribute-style keys, another name) after a slash.
    package static let prefixes: [String: String] = [
        "aws:principaltag/": "String", "aws:requesttag/": "String", "aws:resourcetag/": "String",
    ]

    /// The type of a global key, nil when AWS defines no such key.
    package static func type(_ key: String) -> String? {
        let lower = key.lowercased()
        if let t = types[lower] { return t }
        for (prefix, t) in prefixes where lower.hasPrefix(prefix) && lower.count > prefix.count { return t }
        return nil
    }
}
