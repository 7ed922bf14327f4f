/// CloudTrail's trail API. Operations on one trail authorize against that trail's ARN (the handler names it);
/// DescribeTrails and ListTrails act on no single resource, as in AWS's service authorization reference.
extension OperationCatalogue {
    private static func trail(_ name: String, readOnly: Bool, resource: ResourceScope = .trail, rest: String) -> CatalogueOperation {
        CatalogueOperation(.cloudtrail, name, readOnly: readOnly, resource: resource, rest: [rest])
    }

    package enum Trails {
        package static let createTrail = trail("CreateTrail", readOnly: false, rest: "createTrail")
        package static let updateTrail = trail("UpdateTrail", readOnly: false, rest: "updateTrail")
        package static let deleteTrail = trail("DeleteTrail", readOnly: false, rest: "deleteTrail")
        package static let getTrail = trail("GetTrail", readOnly: true, rest: "getTrail")
        package static let describeTrails = trail("DescribeTrails", readOnly: true, resource: .any, rest: "describeTrails")
        package static let listTrails = trail("ListTrails", readOnly: true, resource: .any, rest: "listTrails")
        package static let getTrailStatus = trail("GetTrailStatus", readOnly: true, rest: "getTrailStatus")
        package static let startLogging = trail("StartLogging", readOnly: false, rest: "startTrailLogging")
        package static let stopLogging = trail("StopLogging", readOnly: false, rest: "stopTrailLogging")
        package static let putEventSelectors = trail("PutEventSelectors", readOnly: false, rest: "putTrailEventSelectors")
        package static let getEventSelectors = trail("GetEventSelectors", readOnly: true, rest: "getTrailEventSelectors")
        package static let putInsightSelectors = trail("PutInsightSelectors", readOnly: false, rest: "putTrailInsightSelectors")
        package static let getInsightSelectors = trail("GetInsightSelectors", readOnly: true, rest: "getTrailInsightSelectors")
        package static let addTags = trail("AddTags", readOnly: false, rest: "addTrailTags")
        package static let removeTags = trail("RemoveTags", readOnly: false, rest: "removeTrailTags")
        package static let listTags = trail("ListTags", readOnly: true, rest: "listTrailTags")
        /// The keys that sign digests in the calling region: public by nature, but still an authorized call.
        package static let listPublicKeys = trail("ListPublicKeys", readOnly: true, resource: .any, rest: "listPublicKeys")

        static let all: [CatalogueOperation] = [
            createTrail, updateTrail, deleteTrail, getTrail, describeTrails, listTrails, getTrailStatus, startLogging,
            stopLogging, putEventSelectors, getEventSelectors, putInsightSelectors, getInsightSelectors, addTags,
            removeTags, listTags, listPublicKeys,
        ]
    }
}
