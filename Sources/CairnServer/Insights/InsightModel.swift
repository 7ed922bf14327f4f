import CairnCore
import Foundation

/// ListInsightsData and ListInsightsMetricData as botocore's cloudtrail model names their members.
enum InsightModel {
    struct ListInsightsDataInput: OperationInput, Codable {
        var InsightSource: String?
        var DataType: String?
        var Dimensions: [String: String]?
        var StartTime: Date?
        var EndTime: Date?
        var MaxResults: Int?
        var NextToken: String?
    }

    struct ListInsightsMetricDataInput: OperationInput, Codable {
        var TrailName: String?
        var EventSource: String?
        var EventName: String?
        var InsightType: String?
        var ErrorCode: String?
        var StartTime: Date?
        var EndTime: Date?
        var Period: Int?
        var DataType: String?
        var MaxResults: Int?
        var NextToken: String?
    }

    struct ListInsightsMetricDataOutput: OperationOutput, Encodable {
        let EventSource: String
        let EventName: String
        let InsightType: String
        let ErrorCode: String?
        let Timestamps: [Date]
        let Values: [Double]
        let NextToken: String?
    }
}
