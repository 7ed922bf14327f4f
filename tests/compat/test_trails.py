"""CloudTrail trails through boto3's cloudtrail client (JSON 1.1) and the aws CLI, as tenant accounts see them:
names and ARNs, multi-region shadows, the home-region rule, the five-trail limit, organization trails and their
prerequisites, logging status, event and insight selectors, and tags. The rules and messages are those of
docs/trails.md and /work/shared/reference/cloudtrail-behaviour.md; every test makes its own accounts (and its
own regions when it needs more than us-east-1), and every refused call is shown to have changed nothing."""
import json
from datetime import datetime, timedelta, timezone

import botocore.exceptions
import pytest

from trail_support import (BUCKET, HOME, Account, Organization, Unchanged, add_region, all_listed, arns, cli, names,
                           refused)

NOT_MASTER = ("You cannot configure or manage trails for an organization because this action requires being signed in "
              "with the management account.")
MULTI_NEEDS_GLOBAL = "Multi-Region trail must include global service events."
CHARACTERS = ("Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), "
              "and underscores (_).")
DEFAULT_SELECTOR = {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [], "ExcludeManagementEventSources": []}
DEPRECATED_STATUS_FIELDS = ["LatestDeliveryAttemptTime", "LatestNotificationAttemptTime", "LatestNotificationAttemptSucceeded",
                            "LatestDeliveryAttemptSucceeded", "TimeLoggingStarted", "TimeLoggingStopped"]
OPTIONAL_FIELDS = {"S3KeyPrefix", "SnsTopicName", "SnsTopicARN", "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn", "KmsKeyId"}


def short(n):
    return f"Trail name too short. Minimum allowed length: 3 characters. Specified name length: {n} characters."


def long_(n):
    return f"Trail name too long. Maximum allowed length: 128 characters. Specified name length: {n} characters."


def bad_arn(value):
    return f"Invalid trail ARN: {value}. The format of a trail ARN is arn:<partition>:cloudtrail:<region>:<account-id>:trail/<name>."


def unknown(echoed, account):
    return f"Unknown trail: {echoed} for the user: {account.id}"


def home_region_message(called_in, home=HOME):
    return f"This operation must be called from the trail's home region {home}; it was called in {called_in}."


def body(response):
    response = dict(response)
    response.pop("ResponseMetadata", None)
    return response


def tags_of(ct, arn):
    [entry] = ct.list_tags(ResourceIdList=[arn])["ResourceTagList"]
    assert entry["ResourceId"] == arn
    return {t["Key"]: t.get("Value") for t in entry["TagsList"]}


def by_field(selectors):
    """Advanced selectors with their field selectors in a fixed order (AWS sorts them on output; Cairn may not)."""
    return [dict(s, FieldSelectors=sorted(s["FieldSelectors"], key=lambda f: f["Field"])) for s in selectors]


@pytest.fixture
def account(client_factory):
    return Account(client_factory)


# 1. Names and ARNs


INVALID_NAMES = [
    ("ab", short(2)),
    ("-a", short(2)),                                   # length is judged first
    ("\U0001F600", short(2)),                           # counted in UTF-16 code units
    ("a" * 129, long_(129)),
    ("-" + "a" * 128, long_(129)),
    ("-abc", "Trail name must starts with a letter or number."),
    ("_abc", "Trail name must starts with a letter or number."),
    ("abc.", "Trail name must ends with a letter or number."),
    ("abc-", "Trail name must ends with a letter or number."),
    ("ab c", CHARACTERS),
    ("trail\u00e9x", CHARACTERS),
    ("my:trail", CHARACTERS),
    ("my/trail", CHARACTERS),
    ("my--namespace", "Trail name cannot contain adjacent periods, underscores or hyphens."),
    ("my-_namespace", "Trail name cannot contain adjacent periods, underscores or hyphens."),
    ("a..b", "Trail name cannot contain adjacent periods, underscores or hyphens."),
    ("192.168.5.4", "Trail name cannot be in IP address format."),
    ("999.999.999.999", "Trail name cannot be in IP address format."),
]


def test_the_five_naming_rules(account):
    ct = account.ct()
    with Unchanged(account):
        for name, message in INVALID_NAMES:
            refused("InvalidTrailNameException", account.create, name, message=message)
    valid = ["abc", "a" * 128, "My_Trail.v1-2", "1.2.3"]
    for name in valid:
        created = account.create(name)
        assert created["Name"] == name and created["TrailARN"] == account.arn(name)
    assert names(ct.describe_trails()["trailList"]) == sorted(valid)
    # Every operation taking a name judges it by the same rules.
    with Unchanged(account):
        for name, message in INVALID_NAMES[:3] + INVALID_NAMES[-5:]:
            refused("InvalidTrailNameException", ct.get_trail, Name=name, message=message)
            refused("InvalidTrailNameException", ct.delete_trail, Name=name, message=message)
            refused("InvalidTrailNameException", ct.get_trail_status, Name=name, message=message)
            refused("InvalidTrailNameException", ct.update_trail, Name=name, S3KeyPrefix="x", message=message)
            refused("InvalidTrailNameException", ct.describe_trails, trailNameList=["abc", name], message=message)


def test_names_and_arns_address_the_same_trail(account):
    ct = account.ct()
    account.create("named")
    arn = account.arn("named")
    assert ct.get_trail(Name="named")["Trail"] == ct.get_trail(Name=arn)["Trail"]
    assert body(ct.get_trail_status(Name="named")) == body(ct.get_trail_status(Name=arn))
    assert body(ct.get_event_selectors(TrailName="named")) == body(ct.get_event_selectors(TrailName=arn))
    assert ct.update_trail(Name=arn, S3KeyPrefix="by-arn")["S3KeyPrefix"] == "by-arn"
    assert ct.get_trail(Name="named")["Trail"]["S3KeyPrefix"] == "by-arn"
    ct.start_logging(Name=arn)
    assert ct.get_trail_status(Name="named")["IsLogging"] is True
    ct.delete_trail(Name=arn)
    assert ct.describe_trails()["trailList"] == []


def test_malformed_arns_and_unknown_trails(account):
    ct = account.ct()
    account.create("exists")
    a = account.id
    malformed = [
        "arn:aws:cloudtrail:us-east-1:123:trail/exists",               # account not 12 digits
        "arn:aws:s3:::my-bucket",                                       # not CloudTrail
        f"arn:aws:cloudtrail:us-east-1:{a}:exists",                     # no trail/
        f"arn:aws:cloudtrail::{a}:trail/exists",                        # no region
        f"arn:aws:cloudtrail:us-east-1:{a}:trail/bad--name",            # the name part breaks the rules
    ]
    with Unchanged(account):
        for value in malformed:
            refused("CloudTrailARNInvalidException", ct.get_trail, Name=value, message=bad_arn(value))
            refused("CloudTrailARNInvalidException", ct.delete_trail, Name=value, message=bad_arn(value))
            refused("CloudTrailARNInvalidException", ct.describe_trails, trailNameList=[value], message=bad_arn(value))
        # Only a leading lowercase "arn:" makes an ARN; anything else is judged as a name, and names have no ':'.
        upper = f"ARN:aws:cloudtrail:us-east-1:{a}:trail/exists"
        refused("InvalidTrailNameException", ct.get_trail, Name=upper, message=CHARACTERS)
        # CreateTrail takes a name only.
        refused("InvalidTrailNameException", account.create, account.arn("fresh"), message=CHARACTERS)
        # Well-formed but unknown: echoed as sent, except GetTrailStatus/GetEventSelectors build an ARN from a name.
        missing = account.arn("missing")
        refused("TrailNotFoundException", ct.get_trail, Name=missing, message=unknown(missing, account))
        refused("TrailNotFoundException", ct.get_trail, Name="missing", message=unknown("missing", account))
        refused("TrailNotFoundException", ct.delete_trail, Name="missing", message=unknown("missing", account))
        refused("TrailNotFoundException", ct.update_trail, Name="missing", S3KeyPrefix="x", message=unknown("missing", account))
        refused("TrailNotFoundException", ct.start_logging, Name="missing", message=unknown("missing", account))
        refused("TrailNotFoundException", ct.get_trail_status, Name="missing", message=unknown(missing, account))
        refused("TrailNotFoundException", ct.get_event_selectors, TrailName="missing", message=unknown(missing, account))
        # Another partition parses, but nothing there is visible from aws.
        china = f"arn:aws-cn:cloudtrail:cn-north-1:{a}:trail/exists"
        refused("TrailNotFoundException", ct.get_trail, Name=china, message=unknown(china, account))
        # DescribeTrails skips unknown entries.
        assert names(ct.describe_trails(trailNameList=["missing", missing, "exists"])["trailList"]) == ["exists"]


def test_another_accounts_trails_are_invisible(client_factory):
    a, b = Account(client_factory), Account(client_factory)
    a.create("private", IsMultiRegionTrail=True)
    arn = a.arn("private")
    ct = b.ct()
    assert ct.describe_trails()["trailList"] == [] and all_listed(ct) == []
    assert ct.describe_trails(trailNameList=[arn])["trailList"] == []
    with Unchanged(a, b):
        refused("TrailNotFoundException", ct.get_trail, Name=arn, message=unknown(arn, b))
        refused("TrailNotFoundException", ct.get_trail_status, Name=arn, message=unknown(arn, b))
        refused("TrailNotFoundException", ct.get_event_selectors, TrailName=arn, message=unknown(arn, b))
        refused("TrailNotFoundException", ct.update_trail, Name=arn, S3KeyPrefix="x", message=unknown(arn, b))
        refused("TrailNotFoundException", ct.delete_trail, Name=arn, message=unknown(arn, b))
        refused("TrailNotFoundException", ct.stop_logging, Name=arn, message=unknown(arn, b))
        refused("TrailNotFoundException", ct.get_trail, Name="private", message=unknown("private", b))


def test_a_deleted_trail_leaves_nothing_behind(account):
    a = account
    ct = a.ct()
    arn = a.arn("reborn")
    a.create("reborn", TagsList=[{"Key": "team", "Value": "core"}], S3KeyPrefix="old")
    ct.put_event_selectors(TrailName="reborn", EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
    ct.put_insight_selectors(TrailName="reborn", InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])
    ct.start_logging(Name="reborn")
    # An update leaves logging, selectors and tags alone.
    ct.update_trail(Name="reborn", S3KeyPrefix="new")
    assert ct.get_trail_status(Name="reborn")["IsLogging"] is True
    assert ct.get_event_selectors(TrailName="reborn")["EventSelectors"][0]["ReadWriteType"] == "WriteOnly"
    assert ct.get_insight_selectors(TrailName="reborn")["InsightSelectors"][0]["InsightType"] == "ApiCallRateInsight"
    assert tags_of(ct, arn) == {"team": "core"}
    ct.delete_trail(Name="reborn")
    with Unchanged(a):
        refused("TrailNotFoundException", ct.get_trail, Name="reborn", message=unknown("reborn", a))
        refused("TrailNotFoundException", ct.delete_trail, Name="reborn", message=unknown("reborn", a))
        refused("ResourceNotFoundException", ct.list_tags, ResourceIdList=[arn])
    a.create("reborn")
    got = ct.get_trail(Name="reborn")["Trail"]
    assert "S3KeyPrefix" not in got and got["HasCustomEventSelectors"] is False and got["HasInsightSelectors"] is False
    status = ct.get_trail_status(Name="reborn")
    assert status["IsLogging"] is False and "StartLoggingTime" not in status
    assert ct.get_event_selectors(TrailName="reborn")["EventSelectors"] == [DEFAULT_SELECTOR]
    assert tags_of(ct, arn) == {}
    with Unchanged(a):
        refused("InsightNotEnabledException", ct.get_insight_selectors, TrailName="reborn")


# 2. Duplicates


def test_duplicate_names(client_factory):
    a = Account(client_factory)
    other = Account(client_factory)
    r2, r3 = add_region(), add_region()
    a.create("dup")
    with Unchanged(a, regions=[HOME, r2, r3]):
        refused("TrailAlreadyExistsException", a.create, "dup", message=f"Trail dup already exists for customer: {a.id}")
        refused("TrailAlreadyExistsException", a.create, "dup", IsMultiRegionTrail=True, message=f"Trail dup already exists for customer: {a.id}")
    # Single-region trails in different regions may share a name.
    assert a.create("dup", region=r2)["TrailARN"] == a.arn("dup", r2)
    # A multi-region trail's name is taken in every region.
    a.create("wide", IsMultiRegionTrail=True)
    with Unchanged(a, regions=[HOME, r2, r3]):
        refused("TrailAlreadyExistsException", a.create, "wide", region=r2, message=f"Trail wide already exists for customer: {a.id}")
        refused("TrailAlreadyExistsException", a.create, "wide", region=r3, IsMultiRegionTrail=True,
                message=f"Trail wide already exists for customer: {a.id}")
        # ... and it cannot take a name that some region already uses.
        refused("TrailAlreadyExistsException", a.create, "dup", region=r3, IsMultiRegionTrail=True,
                message=f"Trail dup already exists for customer: {a.id}")
        # Converting to multi-region is refused while another region holds the name.
        refused("TrailAlreadyExistsException", a.ct().update_trail, Name="dup", IsMultiRegionTrail=True,
                message=f"Trail dup already exists for customer: {a.id}")
    # Also in a region added after the multi-region trail.
    r4 = add_region()
    with Unchanged(a, regions=[HOME, r4]):
        refused("TrailAlreadyExistsException", a.create, "wide", region=r4, message=f"Trail wide already exists for customer: {a.id}")
    a.ct(r2).delete_trail(Name="dup")
    assert a.ct().update_trail(Name="dup", IsMultiRegionTrail=True)["IsMultiRegionTrail"] is True
    # Names are per account: another account may use them all.
    other.create("dup")
    other.create("wide", IsMultiRegionTrail=True)
    assert arns(other.ct().describe_trails()["trailList"]) == [other.arn("dup"), other.arn("wide")]


# 3. Multi-region trails and their shadows


def test_a_multi_region_trail_is_seen_everywhere_with_one_arn(account):
    a = account
    r2 = add_region()
    a.create("wide", IsMultiRegionTrail=True, S3KeyPrefix="w", EnableLogFileValidation=True)
    a.create("local")
    home_view = a.ct().get_trail(Name="wide")["Trail"]
    assert home_view["TrailARN"] == a.arn("wide") and home_view["HomeRegion"] == HOME
    ct2 = a.ct(r2)
    # The shadow is the original: same ARN, same home region, same settings.
    assert ct2.describe_trails()["trailList"] == [home_view]
    assert ct2.describe_trails(includeShadowTrails=True)["trailList"] == [home_view]
    assert ct2.describe_trails(includeShadowTrails=False)["trailList"] == []
    assert names(a.ct().describe_trails(includeShadowTrails=False)["trailList"]) == ["local", "wide"]
    assert ct2.describe_trails(trailNameList=[a.arn("wide")])["trailList"] == [home_view]
    assert ct2.describe_trails(trailNameList=[a.arn("wide")], includeShadowTrails=False)["trailList"] == []
    assert ct2.get_trail(Name=a.arn("wide"))["Trail"] == home_view
    assert ct2.get_trail_status(Name=a.arn("wide"))["IsLogging"] is False
    assert body(ct2.get_event_selectors(TrailName=a.arn("wide"))) == {"TrailARN": a.arn("wide"), "EventSelectors": [DEFAULT_SELECTOR]}
    # By name, only a trail homed in the calling region is found.
    assert ct2.describe_trails(trailNameList=["wide"])["trailList"] == []
    with Unchanged(a, regions=[HOME, r2]):
        refused("TrailNotFoundException", ct2.get_trail, Name="wide", message=unknown("wide", a))
        refused("TrailNotFoundException", ct2.get_trail_status, Name="wide", message=unknown(a.arn("wide", r2), a))
        # A single-region trail does not exist anywhere else, not even by ARN.
        refused("TrailNotFoundException", ct2.get_trail, Name=a.arn("local"), message=unknown(a.arn("local"), a))
        refused("TrailNotFoundException", ct2.get_trail_status, Name=a.arn("local"), message=unknown(a.arn("local"), a))
    assert ct2.describe_trails(trailNameList=[a.arn("local")])["trailList"] == []
    # A multi-region trail homed elsewhere is a shadow at us-east-1.
    a.create("far", region=r2, IsMultiRegionTrail=True)
    far = ct2.get_trail(Name="far")["Trail"]
    assert far["TrailARN"] == a.arn("far", r2) and far["HomeRegion"] == r2
    assert arns(a.ct().describe_trails()["trailList"]) == sorted([a.arn("wide"), a.arn("local"), a.arn("far", r2)])
    assert arns(a.ct().describe_trails(includeShadowTrails=False)["trailList"]) == sorted([a.arn("wide"), a.arn("local")])
    # ListTrails: every trail the account owns, from any region, each with its home region.
    expected = sorted([{"TrailARN": a.arn("wide"), "Name": "wide", "HomeRegion": HOME},
                       {"TrailARN": a.arn("local"), "Name": "local", "HomeRegion": HOME},
                       {"TrailARN": a.arn("far", r2), "Name": "far", "HomeRegion": r2}], key=lambda t: t["TrailARN"])
    assert sorted(all_listed(a.ct()), key=lambda t: t["TrailARN"]) == expected
    assert sorted(all_listed(ct2), key=lambda t: t["TrailARN"]) == expected
    # A region added later shows every multi-region trail at once.
    r3 = add_region()
    seen = a.ct(r3).describe_trails()["trailList"]
    assert arns(seen) == sorted([a.arn("wide"), a.arn("far", r2)])
    assert {t["TrailARN"]: t["HomeRegion"] for t in seen} == {a.arn("wide"): HOME, a.arn("far", r2): r2}
    assert a.ct(r3).describe_trails(includeShadowTrails=False)["trailList"] == []


def test_changes_to_a_multi_region_trail_are_made_in_its_home_region(account):
    a = account
    r2 = add_region()
    a.create("wide", IsMultiRegionTrail=True)
    arn = a.arn("wide")
    ct2 = a.ct(r2)
    wrong = home_region_message(r2)
    with Unchanged(a, regions=[HOME, r2]):
        refused("InvalidHomeRegionException", ct2.update_trail, Name=arn, S3KeyPrefix="moved", message=wrong)
        refused("InvalidHomeRegionException", ct2.delete_trail, Name=arn, message=wrong)
        refused("InvalidHomeRegionException", ct2.start_logging, Name=arn, message=wrong)
        refused("InvalidHomeRegionException", ct2.stop_logging, Name=arn, message=wrong)
        refused("InvalidHomeRegionException", ct2.put_event_selectors, TrailName=arn,
                EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}], message=wrong)
        refused("InvalidHomeRegionException", ct2.put_insight_selectors, TrailName=arn,
                InsightSelectors=[{"InsightType": "ApiErrorRateInsight"}], message=wrong)
        # By name the trail is not found outside its home region.
        refused("TrailNotFoundException", ct2.update_trail, Name="wide", S3KeyPrefix="moved", message=unknown("wide", a))
        refused("TrailNotFoundException", ct2.delete_trail, Name="wide", message=unknown("wide", a))
        refused("TrailNotFoundException", ct2.start_logging, Name="wide", message=unknown("wide", a))
        # Tag calls answer with the ARN's region instead.
        in_r2 = f"Region in ARN is wrong, you can only access resources in region {r2}."
        refused("CloudTrailARNInvalidException", ct2.add_tags, ResourceId=arn, TagsList=[{"Key": "k", "Value": "v"}], message=in_r2)
        refused("CloudTrailARNInvalidException", ct2.remove_tags, ResourceId=arn, TagsList=[{"Key": "k"}], message=in_r2)
        refused("CloudTrailARNInvalidException", ct2.list_tags, ResourceIdList=[arn], message=in_r2)
    # From home, all of it works, and the shadow follows.
    ct = a.ct()
    ct.update_trail(Name=arn, S3KeyPrefix="moved")
    ct.start_logging(Name="wide")
    ct.add_tags(ResourceId=arn, TagsList=[{"Key": "k", "Value": "v"}])
    ct.put_event_selectors(TrailName="wide", EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
    assert ct2.get_trail(Name=arn)["Trail"]["S3KeyPrefix"] == "moved"
    assert ct2.get_trail_status(Name=arn)["IsLogging"] is True
    assert ct2.get_event_selectors(TrailName=arn)["EventSelectors"][0]["ReadWriteType"] == "WriteOnly"
    assert tags_of(ct, arn) == {"k": "v"}
    ct.delete_trail(Name="wide")
    assert ct2.describe_trails()["trailList"] == [] and all_listed(ct2) == []


# 4. Settings


def test_defaults_and_global_service_events(account):
    a = account
    with Unchanged(a):
        refused("InvalidParameterCombinationException", a.create, "wide", IsMultiRegionTrail=True,
                IncludeGlobalServiceEvents=False, message=MULTI_NEEDS_GLOBAL)
        # Judged before the bucket name.
        refused("InvalidParameterCombinationException", a.create, "wide", S3BucketName="Not_A_Bucket",
                IsMultiRegionTrail=True, IncludeGlobalServiceEvents=False, message=MULTI_NEEDS_GLOBAL)
    plain = body(a.create("plain"))
    assert plain == {"Name": "plain", "S3BucketName": BUCKET, "IncludeGlobalServiceEvents": True, "IsMultiRegionTrail": False,
                     "TrailARN": a.arn("plain"), "LogFileValidationEnabled": False, "IsOrganizationTrail": False}
    regional = a.create("regional", IncludeGlobalServiceEvents=False)
    assert regional["IncludeGlobalServiceEvents"] is False and regional["IsMultiRegionTrail"] is False
    wide = a.create("wide", IsMultiRegionTrail=True)
    assert wide["IncludeGlobalServiceEvents"] is True and wide["IsMultiRegionTrail"] is True


def test_update_trail_couples_multi_region_and_global_service_events(account):
    a = account
    ct = a.ct()
    r2 = add_region()
    a.create("grow", IncludeGlobalServiceEvents=False, S3KeyPrefix="keep")
    # Single to multi with global events unsent: they are turned on. Unsent fields keep their values.
    updated = body(ct.update_trail(Name="grow", IsMultiRegionTrail=True))
    assert updated["IsMultiRegionTrail"] is True and updated["IncludeGlobalServiceEvents"] is True and updated["S3KeyPrefix"] == "keep"
    assert not {"HomeRegion", "HasCustomEventSelectors", "HasInsightSelectors"} & set(updated)
    assert arns(a.ct(r2).describe_trails()["trailList"]) == [a.arn("grow")]
    with Unchanged(a, regions=[HOME, r2]):
        refused("InvalidParameterCombinationException", ct.update_trail, Name="grow", IncludeGlobalServiceEvents=False,
                message=MULTI_NEEDS_GLOBAL)
        refused("InvalidParameterCombinationException", ct.update_trail, Name="grow", IsMultiRegionTrail=True,
                IncludeGlobalServiceEvents=False, message=MULTI_NEEDS_GLOBAL)
    # Multi to single with global events unsent: they are turned off, and the shadows go.
    updated = ct.update_trail(Name="grow", IsMultiRegionTrail=False)
    assert updated["IsMultiRegionTrail"] is False and updated["IncludeGlobalServiceEvents"] is False
    assert a.ct(r2).describe_trails()["trailList"] == []
    # An unrelated change does not touch them.
    assert ct.update_trail(Name="grow", S3KeyPrefix="other")["IncludeGlobalServiceEvents"] is False
    # Multi to single with global events explicitly on keeps them on.
    ct.update_trail(Name="grow", IsMultiRegionTrail=True, IncludeGlobalServiceEvents=True)
    updated = ct.update_trail(Name="grow", IsMultiRegionTrail=False, IncludeGlobalServiceEvents=True)
    assert updated["IsMultiRegionTrail"] is False and updated["IncludeGlobalServiceEvents"] is True
    # Multi to single and global events off in one call is allowed.
    ct.update_trail(Name="grow", IsMultiRegionTrail=True)
    updated = ct.update_trail(Name="grow", IsMultiRegionTrail=False, IncludeGlobalServiceEvents=False)
    assert updated["IsMultiRegionTrail"] is False and updated["IncludeGlobalServiceEvents"] is False
    got = ct.get_trail(Name="grow")["Trail"]
    assert got["IsMultiRegionTrail"] is False and got["IncludeGlobalServiceEvents"] is False and got["S3KeyPrefix"] == "other"


def test_delivery_settings(account):
    a = account
    ct = a.ct()
    key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
    group = f"arn:aws:logs:us-east-1:{a.id}:log-group:trail-group:*"
    role = f"arn:aws:iam::{a.id}:role/CloudTrailToLogs"
    created = body(a.create("full", S3KeyPrefix="p" * 200, SnsTopicName="trail-topic", EnableLogFileValidation=True,
                            CloudWatchLogsLogGroupArn=group, CloudWatchLogsRoleArn=role, KmsKeyId=key_id))
    assert created == {
        "Name": "full", "S3BucketName": BUCKET, "S3KeyPrefix": "p" * 200, "SnsTopicName": "trail-topic",
        "SnsTopicARN": f"arn:aws:sns:us-east-1:{a.id}:trail-topic", "IncludeGlobalServiceEvents": True,
        "IsMultiRegionTrail": False, "TrailARN": a.arn("full"), "LogFileValidationEnabled": True,
        "CloudWatchLogsLogGroupArn": group, "CloudWatchLogsRoleArn": role,
        "KmsKeyId": f"arn:aws:kms:us-east-1:{a.id}:key/{key_id}", "IsOrganizationTrail": False}
    got = ct.get_trail(Name="full")["Trail"]
    assert got == dict(created, HomeRegion=HOME, HasCustomEventSelectors=False, HasInsightSelectors=False)
    # Short forms become ARNs in the home region and owner account; an alias stays an alias.
    aliased = a.create("aliased", KmsKeyId="alias/trail-key", SnsTopicName=f"arn:aws:sns:us-east-1:{a.id}:other-topic")
    assert aliased["KmsKeyId"] == f"arn:aws:kms:us-east-1:{a.id}:alias/trail-key"
    assert aliased["SnsTopicARN"] == f"arn:aws:sns:us-east-1:{a.id}:other-topic"
    invalid = [
        ("InvalidS3BucketNameException", {"S3BucketName": "bad_bucket"}, "Bucket name should not contain '_'"),
        ("InvalidS3BucketNameException", {"S3BucketName": "ab"}, None),
        ("InvalidS3BucketNameException", {"S3BucketName": "b" * 64}, None),
        ("InvalidS3BucketNameException", {"S3BucketName": "my..bucket"}, None),
        ("InvalidS3BucketNameException", {"S3BucketName": "-bucket"}, None),
        ("InvalidS3BucketNameException", {"S3BucketName": "bucket-"}, None),
        ("InvalidS3BucketNameException", {"S3BucketName": "my.-bucket"}, None),
        ("InvalidS3BucketNameException", {"S3BucketName": "MyBucket"}, None),
        ("InvalidS3BucketNameException", {"S3BucketName": "192.168.1.1"}, None),
        ("InvalidS3BucketNameException", {"S3BucketName": ""}, None),
        ("InvalidS3PrefixException", {"S3KeyPrefix": "p" * 201}, None),
        ("InvalidSnsTopicNameException", {"SnsTopicName": "bad topic!"}, None),
        ("InvalidSnsTopicNameException", {"SnsTopicName": "t" * 257}, None),
        ("InvalidKmsKeyIdException", {"KmsKeyId": "not a key"}, None),
        ("InvalidCloudWatchLogsLogGroupArnException", {"CloudWatchLogsLogGroupArn": "arn:aws:s3:::bucket", "CloudWatchLogsRoleArn": role}, None),
        ("InvalidCloudWatchLogsRoleArnException", {"CloudWatchLogsLogGroupArn": group, "CloudWatchLogsRoleArn": f"arn:aws:iam::{a.id}:user/x"}, None),
    ]
    with Unchanged(a):
        for code, settings, message in invalid:
            refused(code, a.create, "refused", **settings, message=message)
            refused(code, ct.update_trail, Name="full", **settings, message=message)
        # A log group needs a role and a role needs a log group.
        refused("InvalidCloudWatchLogsRoleArnException", a.create, "refused", CloudWatchLogsLogGroupArn=group,
                message="You must specify a role ARN as well as a log group.")
        refused("InvalidCloudWatchLogsLogGroupArnException", a.create, "refused", CloudWatchLogsRoleArn=role,
                message="You must specify a log group as well as a role ARN.")
        # The log group and role go together: removing one half is refused.
        refused("InvalidCloudWatchLogsRoleArnException", ct.update_trail, Name="full", CloudWatchLogsRoleArn="",
                message="You must specify a role ARN as well as a log group.")
    # An empty string removes a setting; unset optional fields are left out of the trail.
    ct.update_trail(Name="full", S3KeyPrefix="", SnsTopicName="", KmsKeyId="", CloudWatchLogsLogGroupArn="", CloudWatchLogsRoleArn="")
    got = ct.get_trail(Name="full")["Trail"]
    assert not OPTIONAL_FIELDS & set(got), got
    assert got["LogFileValidationEnabled"] is True
    assert ct.update_trail(Name="full", EnableLogFileValidation=False)["LogFileValidationEnabled"] is False


# 5. The five-trail limit


def test_five_trails_per_region_and_multi_region_trails_count_everywhere(account):
    a = account
    r2 = add_region()
    for i in range(4):
        a.create(f"single-{i}")
    a.create("wide", IsMultiRegionTrail=True)
    full_home = f"User: {a.id} already has 5 trails in {HOME}."
    with Unchanged(a, regions=[HOME, r2]):
        refused("MaximumNumberOfTrailsExceededException", a.create, "sixth", message=full_home)
        refused("MaximumNumberOfTrailsExceededException", a.create, "sixth", IsMultiRegionTrail=True, message=full_home)
        # A multi-region trail needs room everywhere, its home included.
        refused("MaximumNumberOfTrailsExceededException", a.create, "elsewhere", region=r2, IsMultiRegionTrail=True, message=full_home)
    # The multi-region trail counts in r2 too: four more fill it.
    for i in range(4):
        a.create(f"there-{i}", region=r2)
    with Unchanged(a, regions=[HOME, r2]):
        refused("MaximumNumberOfTrailsExceededException", a.create, "there-4", region=r2, message=f"User: {a.id} already has 5 trails in {r2}.")
    assert len(a.ct(r2).describe_trails()["trailList"]) == 5
    assert len(all_listed(a.ct())) == 9
    # Deleting makes room.
    a.ct().delete_trail(Name="single-0")
    a.create("sixth")


def test_conversion_to_multi_region_needs_room_everywhere(client_factory):
    a = Account(client_factory)
    r2 = add_region()
    for i in range(5):
        a.create(f"full-{i}", region=r2)
    a.create("grow")
    with Unchanged(a, regions=[HOME, r2]):
        refused("MaximumNumberOfTrailsExceededException", a.ct().update_trail, Name="grow", IsMultiRegionTrail=True,
                message=f"User: {a.id} already has 5 trails in {r2}.")
    assert a.ct().get_trail(Name="grow")["Trail"]["IsMultiRegionTrail"] is False
    a.ct(r2).delete_trail(Name="full-0")
    assert a.ct().update_trail(Name="grow", IsMultiRegionTrail=True)["IsMultiRegionTrail"] is True
    assert a.arn("grow") in arns(a.ct(r2).describe_trails()["trailList"])
    # A trail is not counted twice: converting one of five trails in a full home region is fine.
    b = Account(client_factory)
    for i in range(5):
        b.create(f"t-{i}")
    assert b.ct().update_trail(Name="t-0", IsMultiRegionTrail=True)["IsMultiRegionTrail"] is True


# 6. Organization trails


def test_organization_trail_needs_an_organization_with_all_features(client_factory):
    lone = Account(client_factory)
    lone.create("mine")
    with Unchanged(lone):
        refused("OrganizationsNotInUseException", lone.create, "org", IsOrganizationTrail=True)
        refused("OrganizationsNotInUseException", lone.ct().update_trail, Name="mine", IsOrganizationTrail=True)
    billing = Organization(client_factory, feature_set="CONSOLIDATED_BILLING", trusted_access=False)
    billing.management.create("mine")
    with Unchanged(billing.management):
        refused("OrganizationNotInAllFeaturesModeException", billing.management.create, "org", IsOrganizationTrail=True)
        refused("OrganizationNotInAllFeaturesModeException", billing.management.ct().update_trail, Name="mine", IsOrganizationTrail=True)


def test_organization_trail_needs_the_management_account_and_trusted_access(client_factory):
    org = Organization(client_factory, trusted_access=False)
    m = org.management
    member = org.invite()
    member.create("own")
    with Unchanged(m, member):
        refused("CloudTrailAccessNotEnabledException", m.create, "org", IsOrganizationTrail=True,
                message="The request could not be processed because your organization hasn't enabled CloudTrail service access. "
                        f"Enable service access for CloudTrail, and then try again. You are signed in with the following AWS account ID: {m.id}")
        # The caller's role is judged before the organization's trusted access.
        refused("NotOrganizationMasterAccountException", member.create, "org", IsOrganizationTrail=True, message=NOT_MASTER)
    m.orgs.enable_aws_service_access(ServicePrincipal="cloudtrail.amazonaws.com")
    with Unchanged(m, member):
        refused("NotOrganizationMasterAccountException", member.create, "org", IsOrganizationTrail=True, message=NOT_MASTER)
        refused("NotOrganizationMasterAccountException", member.ct().update_trail, Name="own", IsOrganizationTrail=True, message=NOT_MASTER)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        m.iam.get_role(RoleName="AWSServiceRoleForCloudTrail")
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"
    created = body(m.create("org", IsOrganizationTrail=True))
    assert created["IsOrganizationTrail"] is True and created["TrailARN"] == m.arn("org")
    # The management account's first organization trail creates CloudTrail's service-linked role there.
    role = m.iam.get_role(RoleName="AWSServiceRoleForCloudTrail")["Role"]
    assert role["Path"] == "/aws-service-role/cloudtrail.amazonaws.com/"
    assert m.ct().get_trail(Name="org")["Trail"]["IsOrganizationTrail"] is True


def test_delegated_administrator_needs_the_management_accounts_service_linked_role(client_factory):
    org = Organization(client_factory)
    m = org.management
    d = org.delegate()
    with Unchanged(m, d):
        refused("NoManagementAccountSLRExistsException", d.create, "by-delegate", IsOrganizationTrail=True)
    m.create("first", IsOrganizationTrail=True)
    created = d.create("by-delegate", IsOrganizationTrail=True)
    assert created["TrailARN"] == m.arn("by-delegate") and created["IsOrganizationTrail"] is True


def test_organization_trail_needs_permission_to_read_the_organization(client_factory):
    org = Organization(client_factory)
    m = org.management
    m.iam.create_user(UserName="trail-admin")
    m.iam.put_user_policy(UserName="trail-admin", PolicyName="cloudtrail", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}]}))
    key = m.iam.create_access_key(UserName="trail-admin")["AccessKey"]
    ct = client_factory("cloudtrail", access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    with Unchanged(m):
        refused("InsufficientDependencyServiceAccessPermissionException", ct.create_trail, Name="org", S3BucketName=BUCKET,
                IsOrganizationTrail=True,
                message="AWS CloudTrail cannot create resources for your organization because access to one or more required APIs has been denied.")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        m.iam.get_role(RoleName="AWSServiceRoleForCloudTrail")
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"
    # An account trail needs no access to the organization.
    ct.create_trail(Name="account-trail", S3BucketName=BUCKET)
    m.iam.put_user_policy(UserName="trail-admin", PolicyName="organizations", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["organizations:Describe*", "organizations:List*"], "Resource": "*"}]}))
    assert ct.create_trail(Name="org", S3BucketName=BUCKET, IsOrganizationTrail=True)["TrailARN"] == m.arn("org")


def test_members_see_organization_trails_but_cannot_change_them(client_factory):
    org = Organization(client_factory)
    m = org.management
    member = org.invite()
    r2 = add_region()
    m.create("org-wide", IsOrganizationTrail=True, IsMultiRegionTrail=True)
    m.create("org-home", IsOrganizationTrail=True)
    m.create("private")
    member.create("member-own")
    wide, home = m.arn("org-wide"), m.arn("org-home")
    mine = {t["TrailARN"]: t for t in m.ct().describe_trails()["trailList"]}
    ct = member.ct()
    # Organization membership shows organization trails only: not the members' trails to the management account,
    # nor the management account's account trails to members.
    assert member.arn("member-own") not in mine
    with Unchanged(m, member):
        refused("TrailNotFoundException", m.ct().get_trail, Name=member.arn("member-own"), message=unknown(member.arn("member-own"), m))
    seen = ct.describe_trails(includeShadowTrails=True)["trailList"]
    assert arns(seen) == sorted([wide, home, member.arn("member-own")])
    seen = [t for t in seen if t["TrailARN"] != member.arn("member-own")]
    for t in seen:
        assert t == mine[t["TrailARN"]] and t["IsOrganizationTrail"] is True and t["HomeRegion"] == HOME
    # Shadows: even in its home region, the member's copy is not its own.
    assert arns(ct.describe_trails(includeShadowTrails=False)["trailList"]) == [member.arn("member-own")]
    assert ct.describe_trails(trailNameList=["org-wide", "org-home"])["trailList"] == []
    assert arns(ct.describe_trails(trailNameList=[wide, home])["trailList"]) == sorted([wide, home])
    assert arns(member.ct(r2).describe_trails()["trailList"]) == [wide]
    assert ct.get_trail(Name=home)["Trail"] == mine[home]
    assert member.ct(r2).get_trail(Name=wide)["Trail"] == mine[wide]
    status = ct.get_trail_status(Name=home)
    assert status["IsLogging"] is False and "LatestDeliveryError" not in status
    assert body(ct.get_event_selectors(TrailName=wide)) == {"TrailARN": wide, "EventSelectors": [DEFAULT_SELECTOR]}
    expected = sorted([{"TrailARN": wide, "Name": "org-wide", "HomeRegion": HOME},
                       {"TrailARN": home, "Name": "org-home", "HomeRegion": HOME},
                       {"TrailARN": member.arn("member-own"), "Name": "member-own", "HomeRegion": HOME}], key=lambda t: t["TrailARN"])
    assert sorted(all_listed(ct), key=lambda t: t["TrailARN"]) == expected
    assert sorted(all_listed(member.ct(r2)), key=lambda t: t["TrailARN"]) == expected
    with Unchanged(m, member, regions=[HOME, r2]):
        # By name, an organization trail is not the member's.
        refused("TrailNotFoundException", ct.get_trail, Name="org-home", message=unknown("org-home", member))
        refused("TrailNotFoundException", ct.get_trail_status, Name="org-home", message=unknown(member.arn("org-home"), member))
        refused("TrailNotFoundException", ct.update_trail, Name="org-home", S3KeyPrefix="x", message=unknown("org-home", member))
        refused("TrailNotFoundException", ct.delete_trail, Name="org-wide", message=unknown("org-wide", member))
        refused("TrailNotFoundException", ct.start_logging, Name="org-home", message=unknown("org-home", member))
        # The management account's account trails are not visible at all.
        refused("TrailNotFoundException", ct.get_trail, Name=m.arn("private"), message=unknown(m.arn("private"), member))
        # By ARN, every change is refused.
        for arn in (wide, home):
            refused("NotOrganizationMasterAccountException", ct.update_trail, Name=arn, S3KeyPrefix="x", message=NOT_MASTER)
            refused("NotOrganizationMasterAccountException", ct.delete_trail, Name=arn, message=NOT_MASTER)
            refused("NotOrganizationMasterAccountException", ct.start_logging, Name=arn, message=NOT_MASTER)
            refused("NotOrganizationMasterAccountException", ct.stop_logging, Name=arn, message=NOT_MASTER)
            refused("NotOrganizationMasterAccountException", ct.put_event_selectors, TrailName=arn,
                    EventSelectors=[{"ReadWriteType": "WriteOnly"}], message=NOT_MASTER)
            refused("NotOrganizationMasterAccountException", ct.put_insight_selectors, TrailName=arn,
                    InsightSelectors=[{"InsightType": "ApiErrorRateInsight"}], message=NOT_MASTER)
            wrong_account = f"AccountID in ARN is wrong, you can only access resources with AccountID {member.id}."
            refused("CloudTrailARNInvalidException", ct.add_tags, ResourceId=arn, TagsList=[{"Key": "k", "Value": "v"}], message=wrong_account)
            refused("CloudTrailARNInvalidException", ct.remove_tags, ResourceId=arn, TagsList=[{"Key": "k"}], message=wrong_account)
            refused("CloudTrailARNInvalidException", ct.list_tags, ResourceIdList=[arn], message=wrong_account)
        # Ownership is judged before the home region.
        refused("NotOrganizationMasterAccountException", member.ct(r2).update_trail, Name=wide, S3KeyPrefix="x", message=NOT_MASTER)
        refused("NotOrganizationMasterAccountException", member.ct(r2).stop_logging, Name=wide, message=NOT_MASTER)
    # The management account changes them; members see the change.
    m.ct().start_logging(Name="org-home")
    m.ct().update_trail(Name="org-wide", S3KeyPrefix="changed")
    assert ct.get_trail_status(Name=home)["IsLogging"] is True
    assert member.ct(r2).get_trail(Name=wide)["Trail"]["S3KeyPrefix"] == "changed"
    m.ct().delete_trail(Name="org-wide")
    assert arns(ct.describe_trails()["trailList"]) == sorted([home, member.arn("member-own")])
    assert member.ct(r2).describe_trails()["trailList"] == []


def test_organization_trails_count_for_the_management_account_only(client_factory):
    org = Organization(client_factory)
    m = org.management
    m.create("org-trail", IsOrganizationTrail=True)
    member = Account(client_factory)
    for i in range(5):
        member.create(f"own-{i}")
    org.invite(member)
    # The member joins with five trails of its own and sees a sixth.
    assert len(member.ct().describe_trails()["trailList"]) == 6
    assert len(all_listed(member.ct())) == 6
    with Unchanged(member):
        refused("MaximumNumberOfTrailsExceededException", member.create, "own-5",
                message=f"User: {member.id} already has 5 trails in {HOME}.")
    member.ct().delete_trail(Name="own-0")
    member.create("own-5")
    # For the management account, its owner, the organization trail counts, also when a delegated
    # administrator creates one.
    for i in range(4):
        m.create(f"m-{i}")
    # A delegated administrator is a member: its own five trails do not stop it creating organization trails.
    d = Account(client_factory, "delegate")
    for i in range(5):
        d.create(f"own-{i}")
    org.delegate(d)
    full = f"User: {m.id} already has 5 trails in {HOME}."
    with Unchanged(m, d):
        refused("MaximumNumberOfTrailsExceededException", m.create, "m-4", message=full)
        refused("MaximumNumberOfTrailsExceededException", d.create, "by-delegate", IsOrganizationTrail=True, message=full)
    m.ct().delete_trail(Name="m-0")
    assert d.create("by-delegate", IsOrganizationTrail=True)["TrailARN"] == m.arn("by-delegate")


def test_accounts_joining_see_organization_trails_and_accounts_leaving_stop(client_factory):
    org = Organization(client_factory)
    m = org.management
    r2 = add_region()
    m.create("org-trail", IsOrganizationTrail=True, IsMultiRegionTrail=True)
    arn = m.arn("org-trail")
    newcomer = Account(client_factory)
    assert newcomer.ct().describe_trails()["trailList"] == []
    with Unchanged(newcomer):
        refused("TrailNotFoundException", newcomer.ct().get_trail, Name=arn, message=unknown(arn, newcomer))
    org.invite(newcomer)
    assert arns(newcomer.ct().describe_trails()["trailList"]) == [arn]
    assert arns(newcomer.ct(r2).describe_trails()["trailList"]) == [arn]
    assert [t["TrailARN"] for t in all_listed(newcomer.ct())] == [arn]
    assert newcomer.ct().get_trail(Name=arn)["Trail"]["IsOrganizationTrail"] is True
    # A region added later shows the organization's multi-region trail to its members at once.
    r3 = add_region()
    assert arns(newcomer.ct(r3).describe_trails()["trailList"]) == [arn]
    newcomer.orgs.leave_organization()
    assert newcomer.ct().describe_trails()["trailList"] == []
    assert newcomer.ct(r2).describe_trails()["trailList"] == []
    assert all_listed(newcomer.ct()) == []
    with Unchanged(newcomer):
        refused("TrailNotFoundException", newcomer.ct().get_trail, Name=arn, message=unknown(arn, newcomer))
        refused("TrailNotFoundException", newcomer.ct().get_trail_status, Name=arn, message=unknown(arn, newcomer))
    removed = org.invite()
    assert arns(removed.ct().describe_trails()["trailList"]) == [arn]
    m.orgs.remove_account_from_organization(AccountId=removed.id)
    assert removed.ct().describe_trails()["trailList"] == []
    assert all_listed(removed.ct()) == []
    # The trail itself stays with the management account.
    assert m.ct().get_trail(Name="org-trail")["Trail"]["IsOrganizationTrail"] is True


def test_delegated_administrator_manages_organization_trails(client_factory):
    org = Organization(client_factory)
    m = org.management
    m.create("by-management", IsOrganizationTrail=True)
    d = org.delegate()
    member = org.invite()
    created = body(d.create("by-delegate", IsOrganizationTrail=True, S3KeyPrefix="d"))
    arn = m.arn("by-delegate")
    assert created["TrailARN"] == arn and created["IsOrganizationTrail"] is True
    # The management account owns it: found by name there, by ARN only elsewhere.
    assert m.ct().get_trail(Name="by-delegate")["Trail"]["TrailARN"] == arn
    assert d.ct().get_trail(Name=arn)["Trail"]["S3KeyPrefix"] == "d"
    assert arn in [t["TrailARN"] for t in all_listed(d.ct())]
    assert arn in [t["TrailARN"] for t in all_listed(m.ct())]
    assert arn in arns(member.ct().describe_trails()["trailList"])
    with Unchanged(m, d):
        refused("TrailNotFoundException", d.ct().get_trail, Name="by-delegate", message=unknown("by-delegate", d))
    # It modifies organization trails, its own and the management account's; short forms land in the owner's account.
    updated = d.ct().update_trail(Name=arn, S3KeyPrefix="changed", SnsTopicName="topic")
    assert updated["S3KeyPrefix"] == "changed" and updated["SnsTopicARN"] == f"arn:aws:sns:us-east-1:{m.id}:topic"
    d.ct().start_logging(Name=arn)
    assert m.ct().get_trail_status(Name="by-delegate")["IsLogging"] is True
    d.ct().put_event_selectors(TrailName=m.arn("by-management"), EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
    assert m.ct().get_trail(Name="by-management")["Trail"]["HasCustomEventSelectors"] is True
    d.create("own")
    with Unchanged(m, d, member):
        # ... but converts nothing: that is the management account's.
        refused("NotOrganizationMasterAccountException", d.ct().update_trail, Name=arn, IsOrganizationTrail=False, message=NOT_MASTER)
        refused("NotOrganizationMasterAccountException", d.ct().update_trail, Name="own", IsOrganizationTrail=True, message=NOT_MASTER)
        # Tags are the owner's: the ARN's account is the management account.
        refused("CloudTrailARNInvalidException", d.ct().add_tags, ResourceId=arn, TagsList=[{"Key": "k", "Value": "v"}],
                message=f"AccountID in ARN is wrong, you can only access resources with AccountID {d.id}.")
        # Names are the management account's.
        refused("TrailAlreadyExistsException", d.create, "by-management", IsOrganizationTrail=True,
                message=f"Trail by-management already exists for customer: {m.id}")
        # A plain member still changes nothing.
        refused("NotOrganizationMasterAccountException", member.ct().update_trail, Name=arn, S3KeyPrefix="m", message=NOT_MASTER)
    # Deregistered, it is a member again; the trails it created stay.
    m.ct().deregister_organization_delegated_admin(DelegatedAdminAccountId=d.id)
    with Unchanged(m, d):
        refused("NotOrganizationMasterAccountException", d.ct().stop_logging, Name=arn, message=NOT_MASTER)
        refused("NotOrganizationMasterAccountException", d.create, "again", IsOrganizationTrail=True, message=NOT_MASTER)
    assert m.ct().get_trail(Name="by-delegate")["Trail"]["S3KeyPrefix"] == "changed"
    m.ct().register_organization_delegated_admin(MemberAccountId=d.id)
    d.ct().delete_trail(Name=arn)
    assert arns(m.ct().describe_trails()["trailList"]) == [m.arn("by-management")]


def test_converting_between_account_and_organization_trails(client_factory):
    org = Organization(client_factory)
    m = org.management
    member = org.invite()
    m.create("conv")
    assert member.ct().describe_trails()["trailList"] == []
    assert m.ct().update_trail(Name="conv", IsOrganizationTrail=True)["IsOrganizationTrail"] is True
    assert arns(member.ct().describe_trails()["trailList"]) == [m.arn("conv")]
    assert m.ct().get_trail(Name="conv")["Trail"]["IsOrganizationTrail"] is True
    # Made multi-region, it reaches the members' other regions too.
    r2 = add_region()
    assert member.ct(r2).describe_trails()["trailList"] == []
    m.ct().update_trail(Name="conv", IsMultiRegionTrail=True)
    assert arns(member.ct(r2).describe_trails()["trailList"]) == [m.arn("conv")]
    assert m.ct().update_trail(Name="conv", IsOrganizationTrail=False)["IsOrganizationTrail"] is False
    assert member.ct().describe_trails()["trailList"] == []
    assert member.ct(r2).describe_trails()["trailList"] == []
    assert m.ct().get_trail(Name="conv")["Trail"]["IsOrganizationTrail"] is False
    assert arns(m.ct(r2).describe_trails()["trailList"]) == [m.arn("conv")]


def test_deleting_the_organization_turns_organization_trails_into_account_trails(client_factory):
    org = Organization(client_factory)
    m = org.management
    member = org.invite()
    m.create("org-trail", IsOrganizationTrail=True, IsMultiRegionTrail=True)
    before = m.ct().get_trail(Name="org-trail")["Trail"]
    member.orgs.leave_organization()
    m.orgs.delete_organization()
    after = m.ct().get_trail(Name="org-trail")["Trail"]
    assert after == dict(before, IsOrganizationTrail=False)
    assert member.ct().describe_trails()["trailList"] == []
    assert m.ct().update_trail(Name="org-trail", S3KeyPrefix="after")["IsOrganizationTrail"] is False


# 7. Logging


def test_start_and_stop_logging(account):
    a = account
    ct = a.ct()
    a.create("logged")
    status = ct.get_trail_status(Name="logged")
    assert status["IsLogging"] is False
    assert "StartLoggingTime" not in status and "StopLoggingTime" not in status and "LatestDeliveryError" not in status
    # The deprecated string fields are sent anyway, empty, as AWS sends them.
    assert {k: status[k] for k in DEPRECATED_STATUS_FIELDS} == dict.fromkeys(DEPRECATED_STATUS_FIELDS, "")
    now = datetime.now(timezone.utc)
    ct.start_logging(Name="logged")
    started = ct.get_trail_status(Name="logged")
    assert started["IsLogging"] is True and "StopLoggingTime" not in started
    assert started["TimeLoggingStarted"] != "" and started["TimeLoggingStopped"] == ""
    assert abs(started["StartLoggingTime"] - now) < timedelta(minutes=2)
    ct.stop_logging(Name=a.arn("logged"))
    stopped = ct.get_trail_status(Name="logged")
    assert stopped["IsLogging"] is False
    assert stopped["StartLoggingTime"] == started["StartLoggingTime"]
    assert stopped["StopLoggingTime"] >= started["StartLoggingTime"]
    ct.start_logging(Name="logged")
    ct.start_logging(Name="logged")
    again = ct.get_trail_status(Name="logged")
    assert again["IsLogging"] is True
    assert again["StartLoggingTime"] >= stopped["StopLoggingTime"] and again["StopLoggingTime"] == stopped["StopLoggingTime"]
    with Unchanged(a):
        refused("TrailNotFoundException", ct.start_logging, Name="missing", message=unknown("missing", a))
        refused("TrailNotFoundException", ct.stop_logging, Name=a.arn("missing"), message=unknown(a.arn("missing"), a))


# 8. Event selectors


ADVANCED = [
    {"Name": "Management writes", "FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Management"]},
        {"Field": "readOnly", "Equals": ["false"]}]},
    {"Name": "S3 writes to one bucket", "FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Data"]},
        {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
        {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::my-bucket/"]},
        {"Field": "eventName", "NotEquals": ["GetObject", "HeadObject"]}]},
    {"Name": "Network activity", "FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["NetworkActivity"]},
        {"Field": "eventSource", "Equals": ["cloudtrail.amazonaws.com"]},
        {"Field": "errorCode", "Equals": ["VpceAccessDenied"]}]},
]


def test_a_new_trail_logs_management_events_with_one_basic_selector(account):
    a = account
    ct = a.ct()
    a.create("fresh")
    expected = {"TrailARN": a.arn("fresh"), "EventSelectors": [DEFAULT_SELECTOR]}
    assert body(ct.get_event_selectors(TrailName="fresh")) == expected
    assert body(ct.get_event_selectors(TrailName=a.arn("fresh"))) == expected
    assert ct.get_trail(Name="fresh")["Trail"]["HasCustomEventSelectors"] is False
    # Putting selectors, even the default ones, makes them custom.
    put = body(ct.put_event_selectors(TrailName="fresh", EventSelectors=[DEFAULT_SELECTOR]))
    assert put == expected
    assert ct.get_trail(Name="fresh")["Trail"]["HasCustomEventSelectors"] is True


def test_basic_and_advanced_event_selectors_replace_each_other(account):
    a = account
    ct = a.ct()
    a.create("sel")
    basic = [
        {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True, "DataResources": [],
         "ExcludeManagementEventSources": ["kms.amazonaws.com", "rdsdata.amazonaws.com"]},
        {"ReadWriteType": "ReadOnly", "IncludeManagementEvents": False, "DataResources": [
            {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::my-bucket/", "arn:aws:s3:::other-bucket/prefix"]},
            {"Type": "AWS::Lambda::Function", "Values": [f"arn:aws:lambda:us-east-1:{a.id}:function:hello"]},
            {"Type": "AWS::DynamoDB::Table", "Values": [f"arn:aws:dynamodb:us-east-1:{a.id}:table/orders"]}],
         "ExcludeManagementEventSources": []},
        {"ReadWriteType": "All", "IncludeManagementEvents": False, "DataResources": [
            {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]},
            {"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]},
            {"Type": "AWS::DynamoDB::Table", "Values": ["arn:aws:dynamodb"]}],
         "ExcludeManagementEventSources": []},
    ]
    put = body(ct.put_event_selectors(TrailName="sel", EventSelectors=basic))
    assert put == {"TrailARN": a.arn("sel"), "EventSelectors": basic}
    assert body(ct.get_event_selectors(TrailName="sel")) == put
    # Unsent members take their defaults.
    data_only = [{"DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::my-bucket/"]}]}]
    ct.put_event_selectors(TrailName="sel", EventSelectors=data_only)
    assert ct.get_event_selectors(TrailName="sel")["EventSelectors"] == [dict(DEFAULT_SELECTOR, DataResources=data_only[0]["DataResources"])]
    # Advanced selectors replace basic ones.
    put = body(ct.put_event_selectors(TrailName="sel", AdvancedEventSelectors=ADVANCED))
    assert put["TrailARN"] == a.arn("sel") and by_field(put["AdvancedEventSelectors"]) == by_field(ADVANCED)
    assert "EventSelectors" not in put
    got = body(ct.get_event_selectors(TrailName="sel"))
    assert set(got) == {"TrailARN", "AdvancedEventSelectors"} and by_field(got["AdvancedEventSelectors"]) == by_field(ADVANCED)
    assert ct.get_trail(Name="sel")["Trail"]["HasCustomEventSelectors"] is True
    # ... and basic ones replace advanced ones.
    ct.put_event_selectors(TrailName="sel", EventSelectors=basic[:1])
    assert body(ct.get_event_selectors(TrailName="sel")) == {"TrailARN": a.arn("sel"), "EventSelectors": basic[:1]}
    # 250 data resource values is the limit; "log all" values do not count.
    at_limit = [{"ReadWriteType": "All", "IncludeManagementEvents": True, "ExcludeManagementEventSources": [], "DataResources": [
        {"Type": "AWS::S3::Object", "Values": [f"arn:aws:s3:::bucket-{i}/" for i in range(250)] + ["arn:aws:s3"]}]}]
    ct.put_event_selectors(TrailName="sel", EventSelectors=at_limit)
    assert ct.get_event_selectors(TrailName="sel")["EventSelectors"] == at_limit


def test_invalid_event_selectors_change_nothing(account):
    a = account
    ct = a.ct()
    a.create("sel")
    ct.put_event_selectors(TrailName="sel", EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])

    def data(*fields):
        return [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                    {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}, *fields]}]

    cases = [
        dict(EventSelectors=[DEFAULT_SELECTOR], AdvancedEventSelectors=ADVANCED),          # both kinds
        dict(),                                                                             # neither
        dict(EventSelectors=[]),
        dict(EventSelectors=[DEFAULT_SELECTOR] * 6),
        dict(EventSelectors=[{"ReadWriteType": "read-only"}]),
        dict(EventSelectors=[{"ExcludeManagementEventSources": ["s3.amazonaws.com"]}]),
        dict(EventSelectors=[{"DataResources": [{"Type": "AWS::EC2::Instance", "Values": ["arn:aws:ec2"]}]}]),
        dict(EventSelectors=[{"DataResources": [{"Type": "AWS::S3::Object", "Values": []}]}]),
        dict(EventSelectors=[{"DataResources": [{"Type": "AWS::Lambda::Function", "Values": ["arn:aws:s3:::my-bucket/"]}]}]),
        dict(EventSelectors=[{"DataResources": [{"Type": "AWS::S3::Object", "Values": [f"arn:aws:s3:::b-{i}/" for i in range(251)]}]}]),
        dict(AdvancedEventSelectors=[]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "readOnly", "Equals": ["true"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Everything"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "StartsWith": ["Manage"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management", "Data"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                         {"Field": "readOnly", "Equals": ["yes"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                         {"Field": "readOnly", "NotEquals": ["true"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                         {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                                                         {"Field": "eventSource", "Equals": ["kms.amazonaws.com"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                                         {"Field": "resources.type", "Equals": ["AWS::S3::Object", "AWS::Lambda::Function"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                                         {"Field": "resources.type", "StartsWith": ["AWS::S3"]}]}]),
        dict(AdvancedEventSelectors=data({"Field": "event-name", "Equals": ["PutObject"]})),
        dict(AdvancedEventSelectors=data({"Field": "errorCode", "Equals": ["AccessDenied"]})),
        dict(AdvancedEventSelectors=data({"Field": "resources.ARN", "StartsWith": [f"arn:aws:s3:::b-{i}/" for i in range(251)]})),
        dict(AdvancedEventSelectors=data({"Field": "eventName", "Equals": [f"Op{i}" for i in range(499)]})),   # 501 values
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["NetworkActivity"]}]}]),
        dict(AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["NetworkActivity"]},
                                                         {"Field": "eventSource", "Equals": ["s3.amazonaws.com"]},
                                                         {"Field": "errorCode", "Equals": ["AccessDenied"]}]}]),
        dict(AdvancedEventSelectors=[{"Name": "n" * 1001, "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]),
    ]
    with Unchanged(a):
        for case in cases:
            refused("InvalidEventSelectorsException", ct.put_event_selectors, TrailName="sel", **case)
        refused("InvalidEventSelectorsException", ct.put_event_selectors, TrailName="sel",
                EventSelectors=[{"DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::my-bucket"]}]}],
                message="Value arn:aws:s3:::my-bucket for DataResources.Values is invalid.")
    # 500 values across all conditions is still fine.
    ct.put_event_selectors(TrailName="sel", AdvancedEventSelectors=data({"Field": "eventName", "Equals": [f"Op{i}" for i in range(498)]}))


# 9. Insight selectors


def test_insight_selectors(account):
    a = account
    ct = a.ct()
    a.create("insights")
    arn = a.arn("insights")
    with Unchanged(a):
        refused("InsightNotEnabledException", ct.get_insight_selectors, TrailName="insights")
        refused("InsightNotEnabledException", ct.get_insight_selectors, TrailName=arn)
    put = body(ct.put_insight_selectors(TrailName="insights", InsightSelectors=[
        {"InsightType": "ApiCallRateInsight"}, {"InsightType": "ApiErrorRateInsight", "EventCategories": ["Management"]}]))
    assert put["TrailARN"] == arn
    got = body(ct.get_insight_selectors(TrailName="insights"))
    assert got["TrailARN"] == arn and put["InsightSelectors"] == got["InsightSelectors"]
    # Omitted categories mean Management.
    assert [(s["InsightType"], s.get("EventCategories", ["Management"])) for s in got["InsightSelectors"]] == [
        ("ApiCallRateInsight", ["Management"]), ("ApiErrorRateInsight", ["Management"])]
    assert ct.get_trail(Name="insights")["Trail"]["HasInsightSelectors"] is True
    # An empty list turns Insights off.
    ct.put_insight_selectors(TrailName=arn, InsightSelectors=[])
    with Unchanged(a):
        refused("InsightNotEnabledException", ct.get_insight_selectors, TrailName="insights")
    assert ct.get_trail(Name="insights")["Trail"]["HasInsightSelectors"] is False
    with Unchanged(a):
        refused("TrailNotFoundException", ct.get_insight_selectors, TrailName="missing")
        refused("TrailNotFoundException", ct.put_insight_selectors, TrailName="missing", InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])


def test_insight_selectors_need_the_events_they_analyse(account):
    a = account
    ct = a.ct()
    a.create("reads")
    ct.put_event_selectors(TrailName="reads", EventSelectors=[{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True}])
    ct.put_insight_selectors(TrailName="reads", InsightSelectors=[{"InsightType": "ApiErrorRateInsight"}])
    with Unchanged(a):
        # Call-rate Insights analyse write management events, which this trail does not log.
        refused("InvalidInsightSelectorsException", ct.put_insight_selectors, TrailName="reads",
                InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])
        refused("InvalidInsightSelectorsException", ct.put_insight_selectors, TrailName="reads",
                InsightSelectors=[{"InsightType": "Bogus"}])
        refused("InvalidInsightSelectorsException", ct.put_insight_selectors, TrailName="reads",
                InsightSelectors=[{"InsightType": "ApiErrorRateInsight"}, {"InsightType": "ApiErrorRateInsight"}])
        refused("InvalidInsightSelectorsException", ct.put_insight_selectors, TrailName="reads",
                InsightSelectors=[{"InsightType": "ApiErrorRateInsight", "EventCategories": []}])
        refused("InvalidInsightSelectorsException", ct.put_insight_selectors, TrailName="reads",
                InsightSelectors=[{"InsightType": "ApiErrorRateInsight", "EventCategories": ["Everything"]}])
        # The Data category needs data events.
        refused("InvalidInsightSelectorsException", ct.put_insight_selectors, TrailName="reads",
                InsightSelectors=[{"InsightType": "ApiErrorRateInsight", "EventCategories": ["Data"]}])
    a.create("data-only")
    ct.put_event_selectors(TrailName="data-only", EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": False, "DataResources": [
        {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::my-bucket/"]}]}])
    with Unchanged(a):
        # Error-rate Insights on management events need management events.
        refused("InvalidInsightSelectorsException", ct.put_insight_selectors, TrailName="data-only",
                InsightSelectors=[{"InsightType": "ApiErrorRateInsight"}])
    ct.put_insight_selectors(TrailName="data-only", InsightSelectors=[{"InsightType": "ApiCallRateInsight", "EventCategories": ["Data"]}])
    got = ct.get_insight_selectors(TrailName="data-only")["InsightSelectors"]
    assert got == [{"InsightType": "ApiCallRateInsight", "EventCategories": ["Data"]}]


# 10. Tags


def test_tags_add_list_and_remove(account):
    a = account
    ct = a.ct()
    a.create("tagged", TagsList=[{"Key": "team", "Value": "core"}, {"Key": "env", "Value": "prod"}])
    arn = a.arn("tagged")
    assert tags_of(ct, arn) == {"team": "core", "env": "prod"}
    # Existing keys are overwritten, a key without a value has none, Unicode letters are fine.
    ct.add_tags(ResourceId=arn, TagsList=[{"Key": "env", "Value": "staging"}, {"Key": "flag"},
                                          {"Key": "\u00e9quipe", "Value": "Z\u00fcrich 1/2 @home:x=y+z"},
                                          {"Key": "k" * 128, "Value": "v" * 256}, {"Key": "aws:owner", "Value": "me"}])
    assert tags_of(ct, arn) == {"team": "core", "env": "staging", "flag": None, "\u00e9quipe": "Z\u00fcrich 1/2 @home:x=y+z",
                                "k" * 128: "v" * 256, "aws:owner": "me"}
    # Removal is by key: values sent are ignored, and so are keys the trail lacks.
    ct.remove_tags(ResourceId=arn, TagsList=[{"Key": "team", "Value": "not-core"}, {"Key": "absent"}, {"Key": "k" * 128}])
    assert tags_of(ct, arn) == {"env": "staging", "flag": None, "\u00e9quipe": "Z\u00fcrich 1/2 @home:x=y+z", "aws:owner": "me"}
    a.create("plain")
    listed = ct.list_tags(ResourceIdList=[arn, a.arn("plain")])["ResourceTagList"]
    assert {e["ResourceId"]: len(e.get("TagsList", [])) for e in listed} == {arn: 4, a.arn("plain"): 0}
    with Unchanged(a):
        refused("InvalidParameterException", ct.list_tags, ResourceIdList=[a.arn(f"t{i:03d}") for i in range(21)])
        refused("InvalidParameterException", ct.list_tags, ResourceIdList=[])


def test_fifty_tags_and_bad_tags(account):
    a = account
    ct = a.ct()
    a.create("many")
    arn = a.arn("many")
    ct.add_tags(ResourceId=arn, TagsList=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
    with Unchanged(a):
        message = refused("TagsLimitExceededException", ct.add_tags, ResourceId=arn, TagsList=[{"Key": "k50", "Value": "v"}])
        assert message.endswith("Currently, the limit is 50.")
        refused("TagsLimitExceededException", a.create, "born-full", TagsList=[{"Key": f"k{i}", "Value": "v"} for i in range(51)])
    # Overwriting keys does not count again.
    ct.add_tags(ResourceId=arn, TagsList=[{"Key": "k0", "Value": "w"}, {"Key": "k49", "Value": "w"}])
    assert len(tags_of(ct, arn)) == 50
    a.create("few", TagsList=[{"Key": "team", "Value": "core"}])
    few = a.arn("few")
    bad = [
        [{"Key": "bad#key", "Value": "v"}],
        [{"Key": "key", "Value": "bad<value>"}],
        [{"Key": "k" * 129, "Value": "v"}],
        [{"Key": "key", "Value": "v" * 257}],
        [{"Key": "dup", "Value": "1"}, {"Key": "dup", "Value": "2"}],
    ]
    with Unchanged(a):
        for tags in bad:
            refused("InvalidTagParameterException", ct.add_tags, ResourceId=few, TagsList=tags)
            refused("InvalidTagParameterException", a.create, "bad-tags", TagsList=tags)
        refused("InvalidTagParameterException", ct.remove_tags, ResourceId=few, TagsList=[{"Key": "bad#key"}])


def test_tags_are_the_owners_and_the_home_regions(client_factory):
    a, b = Account(client_factory), Account(client_factory)
    a.create("mine")
    b.create("theirs")
    ct = a.ct()
    wrong_account = f"AccountID in ARN is wrong, you can only access resources with AccountID {a.id}."
    with Unchanged(a, b):
        refused("ResourceNotFoundException", ct.add_tags, ResourceId=a.arn("missing"), TagsList=[{"Key": "k", "Value": "v"}],
                message=f"Resource not found: {a.arn('missing')}")
        refused("ResourceNotFoundException", ct.list_tags, ResourceIdList=[a.arn("missing")])
        refused("ResourceNotFoundException", ct.remove_tags, ResourceId=a.arn("missing"), TagsList=[{"Key": "k"}])
        refused("CloudTrailARNInvalidException", ct.add_tags, ResourceId=b.arn("theirs"), TagsList=[{"Key": "k", "Value": "v"}],
                message=wrong_account)
        refused("CloudTrailARNInvalidException", ct.list_tags, ResourceIdList=[b.arn("theirs")], message=wrong_account)
        refused("CloudTrailARNInvalidException", ct.list_tags, ResourceIdList=[a.arn("mine"), b.arn("theirs")],
                message="You cannot have resources belonging to multiple owners")
        refused("CloudTrailARNInvalidException", ct.remove_tags, ResourceId=a.arn("mine", "us-west-2"), TagsList=[{"Key": "k"}],
                message=f"Region in ARN is wrong, you can only access resources in region {HOME}.")
        # Account before region when both are wrong.
        refused("CloudTrailARNInvalidException", ct.add_tags, ResourceId=b.arn("theirs", "us-west-2"),
                TagsList=[{"Key": "k", "Value": "v"}], message=wrong_account)
        refused("CloudTrailARNInvalidException", ct.list_tags, ResourceIdList=["not-an-arn"])


# 11. Shapes of GetTrail and DescribeTrails


def test_get_trail_and_describe_trails_shapes(account):
    a = account
    ct = a.ct()
    a.create("bravo")
    a.create("alpha", S3KeyPrefix="a")
    a.create("charlie", IsMultiRegionTrail=True)
    got = ct.get_trail(Name="bravo")["Trail"]
    assert got == {"Name": "bravo", "S3BucketName": BUCKET, "IncludeGlobalServiceEvents": True, "IsMultiRegionTrail": False,
                   "HomeRegion": HOME, "TrailARN": a.arn("bravo"), "LogFileValidationEnabled": False,
                   "HasCustomEventSelectors": False, "HasInsightSelectors": False, "IsOrganizationTrail": False}
    described = ct.describe_trails()["trailList"]
    # Without names: sorted by ARN, each exactly as GetTrail returns it.
    assert [t["Name"] for t in described] == ["alpha", "bravo", "charlie"]
    for t in described:
        assert t == ct.get_trail(Name=t["Name"])["Trail"]
    # With names: request order, duplicates once, names and ARNs mixed.
    picked = ct.describe_trails(trailNameList=["charlie", a.arn("alpha"), "charlie", "missing", a.arn("charlie")])["trailList"]
    assert [t["Name"] for t in picked] == ["charlie", "alpha"]
    assert ct.describe_trails(trailNameList=[])["trailList"] == described


# 12. ListTrails pagination


def test_list_trails_pages_through_every_region(account):
    a = account
    regions_ = [HOME] + [add_region() for _ in range(10)]
    expected = []
    for region in regions_:
        for i in range(5):
            a.create(f"page-{i}", region=region)
            expected.append({"TrailARN": a.arn(f"page-{i}", region), "Name": f"page-{i}", "HomeRegion": region})
    first = a.ct().list_trails()
    assert len(first["Trails"]) == 50 and first["NextToken"]
    second = a.ct().list_trails(NextToken=first["NextToken"])
    assert len(second["Trails"]) == 5 and "NextToken" not in second
    key = lambda t: t["TrailARN"]
    assert sorted(first["Trails"] + second["Trails"], key=key) == sorted(expected, key=key)
    pages = list(a.ct(regions_[4]).get_paginator("list_trails").paginate())
    assert [len(p["Trails"]) for p in pages] == [50, 5]
    assert sorted((t for p in pages for t in p["Trails"]), key=key) == sorted(expected, key=key)
    # Only the calling region's trails are described there.
    assert len(a.ct(regions_[4]).describe_trails()["trailList"]) == 5


# 13. The aws CLI


def test_aws_cli_trail_round_trip(account):
    a = account
    r2 = add_region()
    arn = a.arn("cli-trail")
    _, created, _ = cli(a, "create-trail", "--name", "cli-trail", "--s3-bucket-name", BUCKET, "--is-multi-region-trail",
                        "--tags-list", "Key=team,Value=core")
    assert created["TrailARN"] == arn and created["IsMultiRegionTrail"] is True and created["IncludeGlobalServiceEvents"] is True
    _, described, _ = cli(a, "describe-trails", region=r2)
    assert [(t["TrailARN"], t["HomeRegion"]) for t in described["trailList"]] == [(arn, HOME)]
    _, described, _ = cli(a, "describe-trails", "--no-include-shadow-trails", region=r2)
    assert described["trailList"] == []
    _, listed, _ = cli(a, "list-trails", region=r2)
    assert listed["Trails"] == [{"TrailARN": arn, "Name": "cli-trail", "HomeRegion": HOME}]
    cli(a, "start-logging", "--name", "cli-trail")
    _, status, _ = cli(a, "get-trail-status", "--name", arn, region=r2)
    assert status["IsLogging"] is True
    before = a.ct().describe_trails()["trailList"]
    code, _, err = cli(a, "stop-logging", "--name", arn, region=r2, expect_ok=False)
    assert code != 0 and "InvalidHomeRegionException" in err
    code, _, err = cli(a, "create-trail", "--name", "my--trail", "--s3-bucket-name", BUCKET, expect_ok=False)
    assert code != 0 and "InvalidTrailNameException" in err and "adjacent" in err
    code, _, err = cli(a, "create-trail", "--name", "wide", "--s3-bucket-name", BUCKET, "--is-multi-region-trail",
                       "--no-include-global-service-events", expect_ok=False)
    assert code != 0 and "InvalidParameterCombinationException" in err and MULTI_NEEDS_GLOBAL in err
    assert a.ct().describe_trails()["trailList"] == before and a.ct().get_trail_status(Name=arn)["IsLogging"] is True
    selectors = [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True, "DataResources": [], "ExcludeManagementEventSources": []}]
    cli(a, "put-event-selectors", "--trail-name", "cli-trail", "--event-selectors", json.dumps(selectors))
    _, got, _ = cli(a, "get-event-selectors", "--trail-name", "cli-trail")
    assert got == {"TrailARN": arn, "EventSelectors": selectors}
    _, tags, _ = cli(a, "list-tags", "--resource-id-list", arn)
    assert tags["ResourceTagList"] == [{"ResourceId": arn, "TagsList": [{"Key": "team", "Value": "core"}]}]
    _, updated, _ = cli(a, "update-trail", "--name", "cli-trail", "--no-is-multi-region-trail")
    assert updated["IsMultiRegionTrail"] is False and updated["IncludeGlobalServiceEvents"] is False
    cli(a, "delete-trail", "--name", "cli-trail")
    _, described, _ = cli(a, "describe-trails")
    assert described["trailList"] == []
