/// Every violation the trail rules raise, built in one place so that a message is written once and the
/// same situation always reads the same way.
extension TrailRuleViolation {
    // MARK: Names and ARNs

    package static func invalidTrailName(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidTrailNameException", message: message)
    }

    /// A string that claims to be an ARN (it starts with `arn:`) but is not a trail ARN. AWS's wording is
    /// not public; this one names the value and the expected shape.
    package static func malformedTrailARN(_ value: String) -> TrailRuleViolation {
        TrailRuleViolation(
            code: "CloudTrailARNInvalidException",
            message: "Invalid trail ARN: \(value). The format of a trail ARN is arn:<partition>:cloudtrail:<region>:<account-id>:trail/<name>.")
    }

    /// Observed wording (cloudquery/cq-provider-aws#405, prowler-cloud/prowler#2025).
    package static func arnAccountIsWrong(callerAccountId: String) -> TrailRuleViolation {
        TrailRuleViolation(
            code: "CloudTrailARNInvalidException",
            message: "AccountID in ARN is wrong, you can only access resources with AccountID \(callerAccountId).")
    }

    /// Observed wording (aws/aws-sdk-java#1309, cloudquery/cq-provider-aws#236).
    package static func arnRegionIsWrong(callerRegion: String) -> TrailRuleViolation {
        TrailRuleViolation(
            code: "CloudTrailARNInvalidException",
            message: "Region in ARN is wrong, you can only access resources in region \(callerRegion).")
    }

    /// Observed wording (gruntwork-io/cloud-nuke#906 tests): ListTags over trails of several owners.
    package static let resourcesOfMultipleOwners = TrailRuleViolation(
        code: "CloudTrailARNInvalidException",
        message: "You cannot have resources belonging to multiple owners")

    // MARK: Existence and placement

    /// Observed wording (aws/aws-sdk-go-v2#1957 and others).
    package static func trailNotFound(_ echoed: String, callerAccountId: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "TrailNotFoundException", message: "Unknown trail: \(echoed) for the user: \(callerAccountId)")
    }

    /// Tag operations list ResourceNotFoundException, not TrailNotFoundException; AWS's wording is not public.
    package static func resourceNotFound(_ echoed: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "ResourceNotFoundException", message: "Resource not found: \(echoed)")
    }

    /// Observed wording (nozaq/terraform-aws-secure-baseline#306); the account is the trail's owner.
    package static func trailAlreadyExists(name: String, ownerAccountId: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "TrailAlreadyExistsException", message: "Trail \(name) already exists for customer: \(ownerAccountId)")
    }

    /// AWS's wording is not public; this one says which Region the call must be made in.
    package static func invalidHomeRegion(callerRegion: String, homeRegion: String) -> TrailRuleViolation {
        TrailRuleViolation(
            code: "InvalidHomeRegionException",
            message: "This operation must be called from the trail's home region \(homeRegion); it was called in \(callerRegion).")
    }

    /// Observed wording (linz/geostore#1450).
    package static func maximumTrailsExceeded(accountId: String, region: String) -> TrailRuleViolation {
        TrailRuleViolation(
            code: "MaximumNumberOfTrailsExceededException",
            message: "User: \(accountId) already has \(TrailLimit.maximumTrailsPerRegion) trails in \(region).")
    }

    // MARK: Settings

    /// Observed wording (hashicorp/terraform#4723 and others).
    package static let multiRegionNeedsGlobalEvents = TrailRuleViolation(
        code: "InvalidParameterCombinationException",
        message: "Multi-Region trail must include global service events.")

    package static func invalidParameter(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidParameterException", message: message)
    }

    package static func invalidS3BucketName(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidS3BucketNameException", message: message)
    }

    package static func invalidS3Prefix(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidS3PrefixException", message: message)
    }

    package static func invalidSnsTopicName(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidSnsTopicNameException", message: message)
    }

    package static func invalidKmsKeyId(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidKmsKeyIdException", message: message)
    }

    package static func invalidCloudWatchLogsLogGroupArn(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidCloudWatchLogsLogGroupArnException", message: message)
    }

    package static func invalidCloudWatchLogsRoleArn(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidCloudWatchLogsRoleArnException", message: message)
    }

    // MARK: Organizations

    /// Observed wording (aws/aws-cdk#21824).
    package static let notOrganizationMasterAccount = TrailRuleViolation(
        code: "NotOrganizationMasterAccountException",
        message: "You cannot configure or manage trails for an organization because this action requires being signed in with the management account."
    )

    /// Wording from the model's documentation of the exception.
    package static let organizationsNotInUse = TrailRuleViolation(
        code: "OrganizationsNotInUseException",
        message:
            "This request was made from an account that is not a member of an organization. To make this request, sign in using the credentials of an account that belongs to an organization."
    )

    /// Wording from the model's documentation of the exception.
    package static let organizationNotInAllFeaturesMode = TrailRuleViolation(
        code: "OrganizationNotInAllFeaturesModeException",
        message: "All features must be enabled in Organizations to support creating an organization trail or event data store.")

    /// Observed wording (hashicorp/terraform-provider-aws#31401).
    package static func cloudTrailAccessNotEnabled(callerAccountId: String) -> TrailRuleViolation {
        TrailRuleViolation(
            code: "CloudTrailAccessNotEnabledException",
            message:
                "The request could not be processed because your organization hasn't enabled CloudTrail service access. Enable service access for CloudTrail, and then try again. You are signed in with the following AWS account ID: \(callerAccountId)"
        )
    }

    /// Wording from the model's documentation of the exception.
    package static let noManagementAccountServiceLinkedRole = TrailRuleViolation(
        code: "NoManagementAccountSLRExistsException",
        message: "The management account does not have a service-linked role for CloudTrail (AWSServiceRoleForCloudTrail).")

    /// Observed wording (natsukium/dotfiles#716).
    package static let insufficientDependencyServiceAccess = TrailRuleViolation(
        code: "InsufficientDependencyServiceAccessPermissionException",
        message: "AWS CloudTrail cannot create resources for your organization because access to one or more required APIs has been denied.")

    // MARK: Selectors

    package static func invalidEventSelectors(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidEventSelectorsException", message: message)
    }

    package static func invalidInsightSelectors(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidInsightSelectorsException", message: message)
    }

    package static func insightNotEnabled(trailARN: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InsightNotEnabledException", message: "Trail \(trailARN) does not have Insights enabled.")
    }

    // MARK: Tags

    /// Wording from the model's documentation of the exception.
    package static let tagsLimitExceeded = TrailRuleViolation(
        code: "TagsLimitExceededException",
        message:
            "The number of tags per trail, event data store, dashboard, or channel has exceeded the permitted amount. Currently, the limit is \(TrailTags.maximumTagsPerResource)."
    )

    package static func invalidTagParameter(_ message: String) -> TrailRuleViolation {
        TrailRuleViolation(code: "InvalidTagParameterException", message: message)
    }
}
