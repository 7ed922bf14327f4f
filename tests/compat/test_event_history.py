"""Event history through boto3's cloudtrail client and the aws CLI: LookupEvents for every lookup attribute, the
time range, AWS's refusals, and paging with botocore's paginator."""
import datetime
import json

import pytest

from trail_support import HOME, Account, cli, refused


@pytest.fixture
def account(client_factory):
    """A fresh account that made a few calls: a trail created and started, an IAM user, a refused GetTrail."""
    a = Account(client_factory, prefix="history")
    a.create("history-trail")
    a.ct().start_logging(Name="history-trail")
    a.iam.create_user(UserName="historian")
    refused("TrailNotFoundException", a.ct().get_trail, Name="missing-trail")
    return a


def lookup(account, key, value, **kwargs):
    events = account.ct().lookup_events(LookupAttributes=[{"AttributeKey": key, "AttributeValue": value}], **kwargs)["Events"]
    return [e["EventName"] for e in events]


def test_each_lookup_attribute_finds_its_events(account):
    everything = account.ct().lookup_events()["Events"]
    create = next(e for e in everything if e["EventName"] == "CreateTrail")
    assert lookup(account, "EventId", create["EventId"]) == ["CreateTrail"]
    assert lookup(account, "EventName", "StartLogging") == ["StartLogging"]
    assert "GetTrail" not in lookup(account, "ReadOnly", "false")
    assert lookup(account, "ReadOnly", "true")[-1] == "GetTrail"
    assert set(lookup(account, "Username", "root")) >= {"CreateTrail", "StartLogging", "CreateUser", "GetTrail"}
    assert lookup(account, "ResourceType", "AWS::CloudTrail::Trail") == ["StartLogging", "CreateTrail"]
    assert lookup(account, "ResourceName", account.arn("history-trail")) == ["StartLogging", "CreateTrail"]
    assert lookup(account, "EventSource", "iam.amazonaws.com") == ["CreateUser"]
    assert "CreateTrail" in lookup(account, "AccessKeyId", account.key)
    assert lookup(account, "AccessKeyId", "AKIANOSUCHKEY0000000") == []


def test_an_event_carries_the_whole_record(account):
    event = account.ct().lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "CreateTrail"}])["Events"][0]
    assert event["ReadOnly"] == "false" and event["Username"] == "root" and event["EventSource"] == "cloudtrail.amazonaws.com"
    assert isinstance(event["EventTime"], datetime.datetime)
    assert event["Resources"] == [{"ResourceType": "AWS::CloudTrail::Trail", "ResourceName": account.arn("history-trail")}]
    record = json.loads(event["CloudTrailEvent"])
    assert record["eventVersion"] == "1.11" and record["eventID"] == event["EventId"]
    assert record["recipientAccountId"] == account.id and record["awsRegion"] == HOME
    assert record["requestParameters"]["name"] == "history-trail"
    refusal = account.ct().lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "GetTrail"}])["Events"][0]
    assert json.loads(refusal["CloudTrailEvent"])["errorCode"] == "TrailNotFoundException"


def test_the_time_range_is_inclusive_and_bounded(account):
    now = datetime.datetime.now(datetime.timezone.utc)
    assert lookup(account, "EventName", "CreateTrail", StartTime=now - datetime.timedelta(minutes=5), EndTime=now + datetime.timedelta(minutes=1)) == ["CreateTrail"]
    assert lookup(account, "EventName", "CreateTrail", EndTime=now - datetime.timedelta(hours=1)) == []
    assert lookup(account, "EventName", "CreateTrail", StartTime=now + datetime.timedelta(minutes=1)) == []
    refused("InvalidTimeRangeException", account.ct().lookup_events, StartTime=now, EndTime=now - datetime.timedelta(seconds=1))


def test_refusals_name_the_problem(account):
    ct = account.ct()
    refused("InvalidMaxResultsException", ct.lookup_events, MaxResults=51)
    refused("InvalidLookupAttributesException", ct.lookup_events,
            LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "x" * 2001}])
    refused("InvalidLookupAttributesException", ct.lookup_events,
            LookupAttributes=[{"AttributeKey": "ReadOnly", "AttributeValue": "maybe"}])
    refused("InvalidNextTokenException", ct.lookup_events, NextToken="bm90LWEtdG9rZW4=")
    assert ct.lookup_events(EventCategory="insight")["Events"] == []


def test_the_paginator_walks_every_event_newest_first(account):
    for i in range(7):
        account.iam.create_user(UserName=f"paged-{i}")
    paginator = account.ct().get_paginator("lookup_events")
    pages = list(paginator.paginate(LookupAttributes=[{"AttributeKey": "EventSource", "AttributeValue": "iam.amazonaws.com"}],
                                    PaginationConfig={"PageSize": 3}))
    assert len(pages) >= 3
    names = [json.loads(e["CloudTrailEvent"])["requestParameters"]["userName"] for p in pages for e in p["Events"]]
    assert names == [f"paged-{i}" for i in reversed(range(7))] + ["historian"]
    times = [e["EventTime"] for p in pages for e in p["Events"]]
    assert times == sorted(times, reverse=True)


def test_history_is_per_account_and_region(account, client_factory):
    other = Account(client_factory, prefix="history-other")
    assert other.ct().lookup_events()["Events"] == []
    assert "CreateTrail" not in [e["EventName"] for e in account.ct("eu-west-1").lookup_events()["Events"]]


def test_the_aws_cli_looks_up_events(account):
    _, out, _ = cli(account, "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreateTrail")
    assert [e["EventName"] for e in out["Events"]] == ["CreateTrail"]
    code, _, err = cli(account, "lookup-events", "--max-results", "51", expect_ok=False)
    assert code != 0 and "InvalidMaxResultsException" in err


def test_tenants_send_their_own_events_through_a_channel(client_factory):
    import base64
    import hashlib

    a = Account(client_factory, prefix="ingest")
    store = a.ct().create_event_data_store(
        Name="app-feed", AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["ActivityAuditLog"]}]}],
    )["EventDataStoreArn"]
    channel = a.ct().create_channel(Name="billing-app", Source="Custom", Destinations=[{"Type": "EVENT_DATA_STORE", "Location": store}])
    arn = channel["ChannelArn"]
    data = a.client("cloudtrail-data")

    def event(i, recipient=None):
        return json.dumps({"version": "1.0", "userIdentity": {"type": "CustomUser", "principalId": "alice"},
                           "eventSource": "billing.example.com", "eventName": "RefundIssued", "eventTime": "2025-01-01T00:00:00Z",
                           "UID": f"u-{i}", "recipientAccountId": recipient or a.id})

    good = event(1)
    checksum = base64.b64encode(hashlib.sha256(good.encode()).digest()).decode()
    out = data.put_audit_events(channelArn=arn, auditEvents=[
        {"id": "one", "eventData": good, "eventDataChecksum": checksum},
        {"id": "two", "eventData": event(2, recipient="111122223333")},
    ])
    assert [s["id"] for s in out["successful"]] == ["one"]
    assert [(f["id"], f["errorCode"]) for f in out["failed"]] == [("two", "InvalidRecipient")]
    # By id as well as by ARN, as the model allows.
    out = data.put_audit_events(channelArn=arn.split("/")[-1], auditEvents=[{"id": "three", "eventData": event(3)}])
    assert [s["id"] for s in out["successful"]] == ["three"]
    refused("DuplicatedAuditEventId", data.put_audit_events, channelArn=arn,
            auditEvents=[{"id": "d", "eventData": good}, {"id": "d", "eventData": good}])
    status = a.ct().get_channel(Channel=arn)["IngestionStatus"]
    assert "LatestIngestionSuccessTime" in status
    assert [c["Name"] for c in a.ct().list_channels()["Channels"]] == ["billing-app"]
    a.ct().delete_channel(Channel=arn)
    refused("ChannelNotFoundException", a.ct().get_channel, Channel=arn)
