"""AWS Organizations (and CloudTrail's delegated-administrator registration) through boto3, as tenants made by
the operator see it: every operation Cairn serves, and the errors AWS answers with."""
import json
import time
import uuid

import botocore.exceptions
import pytest

from cairn_rest import call, create_tenant, tenant_client

SCP = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}'


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


@pytest.fixture
def tenant(client_factory):
    """A fresh standalone tenant: (account id, organizations client, the tenant tuple)."""
    t = create_tenant()
    return t[0], tenant_client(client_factory, "organizations", t), t


@pytest.fixture
def org(tenant):
    account, orgs, t = tenant
    created = orgs.create_organization(FeatureSet="ALL")["Organization"]
    root = orgs.list_roots()["Roots"][0]
    return account, orgs, t, created, root


def test_create_and_describe_organization(org):
    account, orgs, _, created, root = org
    assert created["Id"].startswith("o-") and created["MasterAccountId"] == account
    assert created["Arn"] == f"arn:aws:organizations::{account}:organization/{created['Id']}"
    assert orgs.describe_organization()["Organization"]["Id"] == created["Id"]
    assert root["Id"].startswith("r-") and root["Name"] == "Root" and root["PolicyTypes"] == []
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.create_organization()
    assert code(e) == "AlreadyInOrganizationException"


def test_standalone_account_has_no_organization(tenant):
    _, orgs, _ = tenant
    for call_ in (orgs.describe_organization, orgs.list_accounts, orgs.list_roots, orgs.delete_organization):
        with pytest.raises(botocore.exceptions.ClientError) as e:
            call_()
        assert code(e) == "AWSOrganizationsNotInUseException"
    assert orgs.list_handshakes_for_account()["Handshakes"] == []


def test_organizational_units(org):
    _, orgs, _, created, root = org
    ou = orgs.create_organizational_unit(ParentId=root["Id"], Name="Prod")["OrganizationalUnit"]
    assert ou["Id"].startswith(f"ou-{root['Id'][2:]}-") and ou["Path"] == f"{created['Id']}/{root['Id']}/{ou['Id']}/"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.create_organizational_unit(ParentId=root["Id"], Name="Prod")
    assert code(e) == "DuplicateOrganizationalUnitException"
    assert orgs.describe_organizational_unit(OrganizationalUnitId=ou["Id"])["OrganizationalUnit"]["Name"] == "Prod"
    assert orgs.update_organizational_unit(OrganizationalUnitId=ou["Id"], Name="Production")["OrganizationalUnit"]["Name"] == "Production"
    assert [o["Id"] for o in orgs.list_organizational_units_for_parent(ParentId=root["Id"])["OrganizationalUnits"]] == [ou["Id"]]
    assert orgs.list_children(ParentId=root["Id"], ChildType="ORGANIZATIONAL_UNIT")["Children"] == [{"Id": ou["Id"], "Type": "ORGANIZATIONAL_UNIT"}]
    assert orgs.list_parents(ChildId=ou["Id"])["Parents"] == [{"Id": root["Id"], "Type": "ROOT"}]
    parent = ou["Id"]
    for level in range(2, 6):
        parent = orgs.create_organizational_unit(ParentId=parent, Name=f"L{level}")["OrganizationalUnit"]["Id"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.create_organizational_unit(ParentId=parent, Name="L6")
    assert code(e) == "ConstraintViolationException" and e.value.response["Reason"] == "OU_DEPTH_LIMIT_EXCEEDED"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.delete_organizational_unit(OrganizationalUnitId=ou["Id"])
    assert code(e) == "OrganizationalUnitNotEmptyException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.describe_organizational_unit(OrganizationalUnitId="ou-zzzz-zzzzzzzz")
    assert code(e) == "OrganizationalUnitNotFoundException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.create_organizational_unit(ParentId="r-zzzz", Name="x")
    assert code(e) == "ParentNotFoundException"
    orgs.delete_organizational_unit(OrganizationalUnitId=parent)


def test_invitation_accept_move_remove_and_leave(org, client_factory):
    account, orgs, _, created, root = org
    invited = create_tenant("invited")
    their = tenant_client(client_factory, "organizations", invited)
    h = orgs.invite_account_to_organization(Target={"Id": invited[0], "Type": "ACCOUNT"}, Notes="welcome")["Handshake"]
    assert h["Id"].startswith("h-") and h["State"] == "OPEN" and h["Action"] == "INVITE"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.invite_account_to_organization(Target={"Id": invited[0], "Type": "ACCOUNT"})
    assert code(e) == "DuplicateHandshakeException"
    assert [x["Id"] for x in their.list_handshakes_for_account()["Handshakes"]] == [h["Id"]]
    assert [x["Id"] for x in orgs.list_handshakes_for_organization()["Handshakes"]] == [h["Id"]]
    assert their.accept_handshake(HandshakeId=h["Id"])["Handshake"]["State"] == "ACCEPTED"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.accept_handshake(HandshakeId=h["Id"])
    assert code(e) == "HandshakeAlreadyInStateException"
    accounts = {a["Id"]: a for a in orgs.list_accounts()["Accounts"]}
    assert set(accounts) == {account, invited[0]} and accounts[invited[0]]["JoinedMethod"] == "INVITED"
    ou = orgs.create_organizational_unit(ParentId=root["Id"], Name="Dev")["OrganizationalUnit"]
    orgs.move_account(AccountId=invited[0], SourceParentId=root["Id"], DestinationParentId=ou["Id"])
    assert [a["Id"] for a in orgs.list_accounts_for_parent(ParentId=ou["Id"])["Accounts"]] == [invited[0]]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.move_account(AccountId=invited[0], SourceParentId=root["Id"], DestinationParentId=ou["Id"])
    assert code(e) == "SourceParentNotFoundException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.list_accounts()
    assert code(e) == "AccessDeniedException"
    assert their.describe_account(AccountId=invited[0])["Account"]["Id"] == invited[0]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.remove_account_from_organization(AccountId=account)
    assert code(e) == "MasterCannotLeaveOrganizationException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.leave_organization()
    assert code(e) == "MasterCannotLeaveOrganizationException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.delete_organization()
    assert code(e) == "OrganizationNotEmptyException"
    their.leave_organization()
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.describe_organization()
    assert code(e) == "AWSOrganizationsNotInUseException"
    again = orgs.invite_account_to_organization(Target={"Id": f"{invited[0]}", "Type": "ACCOUNT"})["Handshake"]
    assert their.describe_handshake(HandshakeId=again["Id"])["Handshake"]["State"] == "OPEN"
    assert their.decline_handshake(HandshakeId=again["Id"])["Handshake"]["State"] == "DECLINED"
    # Both parties see it in any state; anyone else is told it does not exist.
    assert orgs.describe_handshake(HandshakeId=again["Id"])["Handshake"]["State"] == "DECLINED"
    stranger = tenant_client(client_factory, "organizations", create_tenant())
    with pytest.raises(botocore.exceptions.ClientError) as e:
        stranger.describe_handshake(HandshakeId=again["Id"])
    assert code(e) == "HandshakeNotFoundException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        stranger.describe_handshake(HandshakeId="not-a-handshake")
    assert code(e) == "InvalidInputException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.accept_handshake(HandshakeId=again["Id"])
    assert code(e) == "InvalidHandshakeTransitionException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.accept_handshake(HandshakeId="h-doesnotexist")
    assert code(e) == "HandshakeNotFoundException"
    orgs.delete_organizational_unit(OrganizationalUnitId=ou["Id"])
    orgs.delete_organization()


def test_create_account_is_recorded_with_email_and_name_masked(org, client_factory):
    import json
    import re
    account, orgs, t, _, _ = org
    email = f"masked-{uuid.uuid4().hex[:8]}@tenants.example"
    orgs.create_account(Email=email, AccountName="Secret Project")
    ct = tenant_client(client_factory, "cloudtrail", t)
    events = ct.lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "CreateAccount"}])["Events"]
    record = json.loads(events[0]["CloudTrailEvent"])
    assert record["requestParameters"]["email"] == "****" and record["requestParameters"]["accountName"] == "****"
    status = record["responseElements"]["createAccountStatus"]
    assert status["accountName"] == "****" and status["state"] == "IN_PROGRESS"
    # Dates inside records are Java's medium format, as AWS's Organizations records show them.
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M", status["requestedTimestamp"]), status
    assert email not in events[0]["CloudTrailEvent"] and "Secret Project" not in events[0]["CloudTrailEvent"]


def test_create_account_and_status(org):
    _, orgs, _, _, _ = org
    status = orgs.create_account(Email=f"made-{uuid.uuid4().hex[:8]}@tenants.example", AccountName="Made")["CreateAccountStatus"]
    assert status["Id"].startswith("car-") and status["State"] == "IN_PROGRESS"
    done = orgs.describe_create_account_status(CreateAccountRequestId=status["Id"])["CreateAccountStatus"]
    assert done["State"] == "SUCCEEDED" and len(done["AccountId"]) == 12
    listed = orgs.list_create_account_status(States=["SUCCEEDED"])["CreateAccountStatuses"]
    assert [s["Id"] for s in listed] == [status["Id"]]
    account = orgs.describe_account(AccountId=done["AccountId"])["Account"]
    assert account["JoinedMethod"] == "CREATED" and account["Status"] == "ACTIVE"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.describe_create_account_status(CreateAccountRequestId="car-00000000000000000000000000000000")
    assert code(e) == "CreateAccountStatusNotFoundException"
    orgs.remove_account_from_organization(AccountId=done["AccountId"])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.describe_account(AccountId=done["AccountId"])
    assert code(e) == "AccountNotFoundException"


def test_service_control_policies(org):
    account, orgs, _, created, root = org
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.attach_policy(PolicyId="p-FullAWSAccess", TargetId=root["Id"])
    assert code(e) == "PolicyTypeNotEnabledException"
    enabled = orgs.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")["Root"]
    assert enabled["PolicyTypes"] == [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
    assert code(e) == "PolicyTypeAlreadyEnabledException"
    assert [p["Id"] for p in orgs.list_policies_for_target(TargetId=account, Filter="SERVICE_CONTROL_POLICY")["Policies"]] == ["p-FullAWSAccess"]
    policy = orgs.create_policy(Name="NoStop", Description="deny", Type="SERVICE_CONTROL_POLICY", Content=SCP)["Policy"]
    pid = policy["PolicySummary"]["Id"]
    assert pid.startswith("p-") and policy["PolicySummary"]["AwsManaged"] is False
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.create_policy(Name="NoStop", Description="", Type="SERVICE_CONTROL_POLICY", Content=SCP)
    assert code(e) == "DuplicatePolicyException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.create_policy(Name="Bad", Description="", Type="SERVICE_CONTROL_POLICY", Content='{"Statement": 3}')
    assert code(e) == "MalformedPolicyDocumentException"
    orgs.attach_policy(PolicyId=pid, TargetId=root["Id"])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.attach_policy(PolicyId=pid, TargetId=root["Id"])
    assert code(e) == "DuplicatePolicyAttachmentException"
    assert [t["TargetId"] for t in orgs.list_targets_for_policy(PolicyId=pid)["Targets"]] == [root["Id"]]
    assert orgs.describe_policy(PolicyId=pid)["Policy"]["Content"] == SCP
    assert orgs.update_policy(PolicyId=pid, Description="changed")["Policy"]["PolicySummary"]["Description"] == "changed"
    assert {p["Id"] for p in orgs.list_policies(Filter="SERVICE_CONTROL_POLICY")["Policies"]} == {pid, "p-FullAWSAccess"}
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.delete_policy(PolicyId=pid)
    assert code(e) == "PolicyInUseException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.update_policy(PolicyId="p-FullAWSAccess", Description="x")
    assert code(e) == "InvalidInputException"
    orgs.detach_policy(PolicyId=pid, TargetId=root["Id"])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.detach_policy(PolicyId="p-FullAWSAccess", TargetId=root["Id"])
    assert code(e) == "ConstraintViolationException" and e.value.response["Reason"] == "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.detach_policy(PolicyId=pid, TargetId=root["Id"])
    assert code(e) == "PolicyNotAttachedException"
    orgs.delete_policy(PolicyId=pid)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.describe_policy(PolicyId=pid)
    assert code(e) == "PolicyNotFoundException"
    assert orgs.disable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")["Root"]["PolicyTypes"] == []
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.disable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
    assert code(e) == "PolicyTypeNotEnabledException"


def test_resource_control_policies_beside_scps(org):
    account, orgs, _, created, root = org
    orgs.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
    enabled = orgs.enable_policy_type(RootId=root["Id"], PolicyType="RESOURCE_CONTROL_POLICY")["Root"]
    assert enabled["PolicyTypes"] == [
        {"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"},
        {"Type": "RESOURCE_CONTROL_POLICY", "Status": "ENABLED"},
    ]
    rcps = orgs.list_policies_for_target(TargetId=account, Filter="RESOURCE_CONTROL_POLICY")["Policies"]
    assert [(p["Id"], p["Name"], p["AwsManaged"]) for p in rcps] == [("p-RCPFullAWSAccess", "RCPFullAWSAccess", True)]
    content = (
        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Resource":"*",'
        '"Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"%s"}}}]}' % created["Id"]
    )
    rcp = orgs.create_policy(Name="OrgOnly", Description="", Type="RESOURCE_CONTROL_POLICY", Content=content)["Policy"]["PolicySummary"]
    assert rcp["Type"] == "RESOURCE_CONTROL_POLICY" and f"/resource_control_policy/{rcp['Id']}" in rcp["Arn"]
    orgs.attach_policy(PolicyId=rcp["Id"], TargetId=root["Id"])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.detach_policy(PolicyId="p-RCPFullAWSAccess", TargetId=root["Id"])
    assert code(e) == "InvalidInputException" and e.value.response["Reason"] == "NON_DETACHABLE_POLICY"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.create_policy(Name="Allow", Description="", Type="RESOURCE_CONTROL_POLICY", Content=content.replace("Deny", "Allow"))
    assert code(e) == "MalformedPolicyDocumentException"
    # SCP and RCP listings stay apart.
    assert [p["Id"] for p in orgs.list_policies_for_target(TargetId=root["Id"], Filter="SERVICE_CONTROL_POLICY")["Policies"]] == ["p-FullAWSAccess"]
    assert orgs.disable_policy_type(RootId=root["Id"], PolicyType="RESOURCE_CONTROL_POLICY")["Root"]["PolicyTypes"] == [
        {"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}
    ]
    assert orgs.list_targets_for_policy(PolicyId=rcp["Id"])["Targets"] == []


def test_tag_policies_and_the_effective_policy(org, client_factory):
    account, orgs, _, created, root = org
    member = create_tenant("tagged")
    their = tenant_client(client_factory, "organizations", member)
    h = orgs.invite_account_to_organization(Target={"Id": member[0], "Type": "ACCOUNT"})["Handshake"]
    their.accept_handshake(HandshakeId=h["Id"])
    ou = orgs.create_organizational_unit(ParentId=root["Id"], Name="Marketing")["OrganizationalUnit"]
    orgs.move_account(AccountId=member[0], SourceParentId=root["Id"], DestinationParentId=ou["Id"])
    orgs.enable_policy_type(RootId=root["Id"], PolicyType="TAG_POLICY")
    a = orgs.create_policy(
        Name="A", Description="", Type="TAG_POLICY",
        Content='{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Development","Support"]}}}}',
    )["Policy"]["PolicySummary"]["Id"]
    c = orgs.create_policy(
        Name="C", Description="", Type="TAG_POLICY",
        Content='{"tags":{"costcenter":{"tag_value":{"@@append":["Marketing"]},"enforced_for":{"@@append":["redshift:*","dynamodb:table"]}}}}',
    )["Policy"]["PolicySummary"]["Id"]
    orgs.attach_policy(PolicyId=a, TargetId=root["Id"])
    orgs.attach_policy(PolicyId=c, TargetId=ou["Id"])
    effective = orgs.describe_effective_policy(PolicyType="TAG_POLICY", TargetId=member[0])["EffectivePolicy"]
    assert effective["PolicyContent"] == (
        '{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support","Marketing"],'
        '"enforced_for":["redshift:*","dynamodb:table"]}}}'
    )
    assert effective["TargetId"] == member[0] and effective["PolicyType"] == "TAG_POLICY"
    assert effective["LastUpdatedTimestamp"].year >= 2026
    assert their.describe_effective_policy(PolicyType="TAG_POLICY")["EffectivePolicy"]["PolicyContent"] == effective["PolicyContent"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.describe_effective_policy(PolicyType="BACKUP_POLICY", TargetId=member[0])
    assert code(e) == "EffectivePolicyNotFoundException"
    assert orgs.list_accounts_with_invalid_effective_policy(PolicyType="TAG_POLICY")["Accounts"] == []
    errors = orgs.list_effective_policy_validation_errors(AccountId=member[0], PolicyType="TAG_POLICY")
    assert errors["EffectivePolicyValidationErrors"] == [] and errors["Path"] == f"{created['Id']}/{root['Id']}/{ou['Id']}/{member[0]}/"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.create_policy(Name="Bad", Description="", Type="TAG_POLICY", Content='{"tags":{"x":{"tag_value":{"@@append":"y"}}}}')
    assert code(e) == "MalformedPolicyDocumentException"


def test_enable_all_features_through_handshakes(tenant, client_factory):
    account, orgs, _ = tenant
    created = orgs.create_organization(FeatureSet="CONSOLIDATED_BILLING")["Organization"]
    assert created["FeatureSet"] == "CONSOLIDATED_BILLING"
    root = orgs.list_roots()["Roots"][0]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.enable_policy_type(RootId=root["Id"], PolicyType="TAG_POLICY")
    assert code(e) == "PolicyTypeNotAvailableForOrganizationException"
    member = create_tenant("approver")
    their = tenant_client(client_factory, "organizations", member)
    invite = orgs.invite_account_to_organization(Target={"Id": member[0], "Type": "ACCOUNT"})["Handshake"]
    their.accept_handshake(HandshakeId=invite["Id"])
    request = orgs.enable_all_features()["Handshake"]
    assert request["Action"] == "ENABLE_ALL_FEATURES" and request["State"] == "REQUESTED"
    approvals = their.list_handshakes_for_account(Filter={"ActionType": "APPROVE_ALL_FEATURES"})["Handshakes"]
    assert len(approvals) == 1 and {"Type": "PARENT_HANDSHAKE", "Value": request["Id"]} in approvals[0]["Resources"]
    assert their.accept_handshake(HandshakeId=approvals[0]["Id"])["Handshake"]["State"] == "ACCEPTED"
    assert orgs.describe_handshake(HandshakeId=request["Id"])["Handshake"]["State"] == "OPEN"
    assert orgs.accept_handshake(HandshakeId=request["Id"])["Handshake"]["State"] == "ACCEPTED"
    assert orgs.describe_organization()["Organization"]["FeatureSet"] == "ALL"
    orgs.enable_policy_type(RootId=root["Id"], PolicyType="TAG_POLICY")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.enable_all_features()
    assert code(e) == "HandshakeConstraintViolationException" and e.value.response["Reason"] == "ORGANIZATION_ALREADY_HAS_ALL_FEATURES"


def test_trusted_access_and_delegated_administrators(org, client_factory):
    account, orgs, t, _, _ = org
    member = create_tenant("delegate")
    h = orgs.invite_account_to_organization(Target={"Id": member[0], "Type": "ACCOUNT"})["Handshake"]
    tenant_client(client_factory, "organizations", member).accept_handshake(HandshakeId=h["Id"])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.register_delegated_administrator(AccountId=member[0], ServicePrincipal="cloudtrail.amazonaws.com")
    assert e.value.response["Reason"] == "SERVICE_ACCESS_NOT_ENABLED"
    orgs.enable_aws_service_access(ServicePrincipal="cloudtrail.amazonaws.com")
    assert [s["ServicePrincipal"] for s in orgs.list_aws_service_access_for_organization()["EnabledServicePrincipals"]] == ["cloudtrail.amazonaws.com"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.register_delegated_administrator(AccountId=account, ServicePrincipal="cloudtrail.amazonaws.com")
    assert e.value.response["Reason"] == "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"
    orgs.register_delegated_administrator(AccountId=member[0], ServicePrincipal="cloudtrail.amazonaws.com")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.register_delegated_administrator(AccountId=member[0], ServicePrincipal="cloudtrail.amazonaws.com")
    assert code(e) == "AccountAlreadyRegisteredException"
    admins = orgs.list_delegated_administrators(ServicePrincipal="cloudtrail.amazonaws.com")["DelegatedAdministrators"]
    assert [a["Id"] for a in admins] == [member[0]]
    services = orgs.list_delegated_services_for_account(AccountId=member[0])["DelegatedServices"]
    assert [s["ServicePrincipal"] for s in services] == ["cloudtrail.amazonaws.com"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.remove_account_from_organization(AccountId=member[0])
    assert e.value.response["Reason"] == "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"
    orgs.deregister_delegated_administrator(AccountId=member[0], ServicePrincipal="cloudtrail.amazonaws.com")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.list_delegated_services_for_account(AccountId=member[0])
    assert code(e) == "AccountNotRegisteredException"
    trail = tenant_client(client_factory, "cloudtrail", t)
    trail.register_organization_delegated_admin(MemberAccountId=member[0])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        trail.register_organization_delegated_admin(MemberAccountId=member[0])
    assert code(e) == "AccountRegisteredException"
    trail.deregister_organization_delegated_admin(DelegatedAdminAccountId=member[0])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        trail.deregister_organization_delegated_admin(DelegatedAdminAccountId=member[0])
    assert code(e) == "AccountNotRegisteredException"
    orgs.disable_aws_service_access(ServicePrincipal="cloudtrail.amazonaws.com")
    assert orgs.list_aws_service_access_for_organization()["EnabledServicePrincipals"] == []
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.enable_aws_service_access(ServicePrincipal="nonsense")
    assert code(e) == "InvalidInputException"


def test_paging_with_a_paginator(org, client_factory):
    _, orgs, _, _, root = org
    for i in range(3):
        orgs.create_organizational_unit(ParentId=root["Id"], Name=f"U{i}")
    first = orgs.list_organizational_units_for_parent(ParentId=root["Id"], MaxResults=2)
    assert len(first["OrganizationalUnits"]) == 2 and first["NextToken"]
    pages = orgs.get_paginator("list_organizational_units_for_parent").paginate(ParentId=root["Id"], PaginationConfig={"PageSize": 1})
    assert sum(len(p["OrganizationalUnits"]) for p in pages) == 3


def test_operator_rest_is_refused_to_tenants(tenant):
    _, _, t = tenant
    status, body = call("GET", "/v1/accounts", access_key=t[1], secret_key=t[2])
    assert status == 403 and body["code"] == "AccessDeniedException"


def test_tags_on_organization_resources(org, client_factory):
    account, orgs, _, _, root = org
    ou = orgs.create_organizational_unit(
        ParentId=root["Id"], Name="Tagged", Tags=[{"Key": "team", "Value": "platform"}])["OrganizationalUnit"]
    assert orgs.list_tags_for_resource(ResourceId=ou["Id"])["Tags"] == [{"Key": "team", "Value": "platform"}]
    for resource in (root["Id"], ou["Id"], account):
        orgs.tag_resource(ResourceId=resource, Tags=[{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": ""}])
        orgs.untag_resource(ResourceId=resource, TagKeys=["owner", "absent"])
        tags = orgs.list_tags_for_resource(ResourceId=resource)["Tags"]
        assert {t["Key"]: t["Value"] for t in tags}.get("env") == "prod" and "owner" not in {t["Key"] for t in tags}
    # The paginator follows NextToken across pages of 20.
    orgs.tag_resource(ResourceId=root["Id"], Tags=[{"Key": f"k{i:02d}", "Value": "v"} for i in range(30)])
    pages = list(orgs.get_paginator("list_tags_for_resource").paginate(ResourceId=root["Id"]))
    assert len(pages) == 2 and sum(len(p["Tags"]) for p in pages) == 31
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.tag_resource(ResourceId=ou["Id"], Tags=[{"Key": "aws:reserved", "Value": "v"}])
    assert code(e) == "InvalidInputException" and e.value.response["Reason"] == "INVALID_SYSTEM_TAGS_PARAMETER"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.tag_resource(ResourceId=ou["Id"], Tags=[{"Key": f"n{i}", "Value": "v"} for i in range(50)])
    assert code(e) == "ConstraintViolationException" and e.value.response["Reason"] == "MAX_TAG_LIMIT_EXCEEDED"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.list_tags_for_resource(ResourceId="ou-zzzz-zzzzzzzz")
    assert code(e) == "TargetNotFoundException"
    assert orgs.list_tags_for_resource(ResourceId=ou["Id"])["Tags"] == [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "platform"}]


def test_cancel_handshake(org, client_factory):
    _, orgs, _, _, _ = org
    invited = create_tenant("canceled")
    their = tenant_client(client_factory, "organizations", invited)
    h = orgs.invite_account_to_organization(
        Target={"Id": invited[0], "Type": "ACCOUNT"}, Tags=[{"Key": "joined", "Value": "never"}])["Handshake"]
    # Only the inviting management account cancels; the invited account may not.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.cancel_handshake(HandshakeId=h["Id"])
    assert code(e) == "AccessDeniedException"
    canceled = orgs.cancel_handshake(HandshakeId=h["Id"])["Handshake"]
    assert canceled["Id"] == h["Id"] and canceled["State"] == "CANCELED"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.cancel_handshake(HandshakeId=h["Id"])
    assert code(e) == "HandshakeAlreadyInStateException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.accept_handshake(HandshakeId=h["Id"])
    assert code(e) == "InvalidHandshakeTransitionException"
    assert [x["State"] for x in their.list_handshakes_for_account()["Handshakes"]] == ["CANCELED"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.cancel_handshake(HandshakeId="h-doesnotexist")
    assert code(e) == "HandshakeNotFoundException"


def test_the_aws_cli_runs_organizations_unchanged(endpoint):
    """`aws organizations … --endpoint-url` as a tenant: an organization, its root, an OU, an SCP attached to it,
    and AWS's error (with its exit code) for a second organization."""
    import json
    import os
    import subprocess

    account, key, secret = create_tenant("cli-org")
    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret}
    env.pop("AWS_SESSION_TOKEN", None)

    def cli(*args, ok=True):
        out = subprocess.run(["aws", "organizations", *args, "--endpoint-url", endpoint, "--output", "json"],
                             capture_output=True, text=True, env=env, timeout=120)
        if ok:
            assert out.returncode == 0, out.stderr
            return json.loads(out.stdout) if out.stdout.strip() else None
        return out

    created = cli("create-organization", "--feature-set", "ALL")["Organization"]
    assert created["MasterAccountId"] == account
    assert cli("describe-organization")["Organization"]["Id"] == created["Id"]
    root = cli("list-roots")["Roots"][0]["Id"]
    ou = cli("create-organizational-unit", "--parent-id", root, "--name", "Workloads")["OrganizationalUnit"]
    assert [u["Id"] for u in cli("list-organizational-units-for-parent", "--parent-id", root)["OrganizationalUnits"]] == [ou["Id"]]
    cli("enable-policy-type", "--root-id", root, "--policy-type", "SERVICE_CONTROL_POLICY")
    policy = cli("create-policy", "--name", "no-stop", "--description", "d", "--type", "SERVICE_CONTROL_POLICY",
                 "--content", SCP)["Policy"]["PolicySummary"]
    cli("attach-policy", "--policy-id", policy["Id"], "--target-id", ou["Id"])
    targets = cli("list-targets-for-policy", "--policy-id", policy["Id"])["Targets"]
    assert [t["TargetId"] for t in targets] == [ou["Id"]]
    refused = cli("create-organization", ok=False)
    assert refused.returncode != 0 and "AlreadyInOrganizationException" in refused.stderr


def test_the_operator_raises_an_organizations_account_quota_from_the_command_line(org, client_factory):
    import os
    import subprocess
    account, orgs, t, created, _ = org
    env = dict(os.environ, DATABASE_URL=os.environ["CAIRN_DATABASE_URL"])
    run = subprocess.run([os.environ["CAIRN_BIN"], "organization", "set-account-limit", "--organization-id", created["Id"], "--limit", "25"],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"Organization {created['Id']} may now hold 25 accounts (it has 1)." in run.stdout
    too_low = subprocess.run([os.environ["CAIRN_BIN"], "organization", "set-account-limit", "--organization-id", created["Id"], "--limit", "0"],
                             env=env, capture_output=True, text=True, timeout=120)
    assert too_low.returncode != 0 and "accountLimit" in too_low.stderr, too_low.stderr


def test_close_account_is_pending_then_closed_and_the_account_is_refused(org, client_factory):
    account, orgs, _, created, root = org
    member = create_tenant("closing")
    their = tenant_client(client_factory, "organizations", member)
    hid = orgs.invite_account_to_organization(Target={"Id": member[0], "Type": "ACCOUNT"})["Handshake"]["Id"]
    their.accept_handshake(HandshakeId=hid)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.close_account(AccountId=account)
    assert code(e) == "ConstraintViolationException" and e.value.response["Reason"] == "CANNOT_CLOSE_MANAGEMENT_ACCOUNT"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.close_account(AccountId=member[0])
    assert code(e) == "AccessDeniedException"

    orgs.close_account(AccountId=member[0])
    pending = orgs.describe_account(AccountId=member[0])["Account"]
    assert pending["Status"] == "PENDING_CLOSURE" and pending["State"] == "PENDING_CLOSURE"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        their.describe_organization()
    assert code(e) == "AccountSuspendedException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.close_account(AccountId=member[0])
    assert code(e) == "ConflictException"

    # The server under test completes closures a second after they are asked for, within a 5-second pass.
    deadline = time.time() + 20
    while orgs.describe_account(AccountId=member[0])["Account"]["State"] != "CLOSED" and time.time() < deadline:
        time.sleep(0.5)
    closed = orgs.describe_account(AccountId=member[0])["Account"]
    assert closed["Status"] == "SUSPENDED" and closed["State"] == "CLOSED"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.close_account(AccountId=member[0])
    assert code(e) == "AccountAlreadyClosedException"
    assert member[0] in {a["Id"] for a in orgs.list_accounts()["Accounts"]}


def test_the_delegation_policy_lets_a_named_member_manage_policies(org, client_factory):
    account, orgs, _, _, root = org
    member = create_tenant()
    hid = orgs.invite_account_to_organization(Target={"Id": member[0], "Type": "ACCOUNT"})["Handshake"]["Id"]
    member_orgs = tenant_client(client_factory, "organizations", member)
    member_orgs.accept_handshake(HandshakeId=hid)
    orgs.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        member_orgs.create_policy(Content=SCP, Description="", Name="delegated", Type="SERVICE_CONTROL_POLICY")
    assert code(e) == "AccessDeniedException"
    delegation = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{member[0]}:root"},
        "Action": ["organizations:CreatePolicy", "organizations:AttachPolicy", "organizations:Describe*", "organizations:List*"],
        "Resource": "*"}]})
    put = orgs.put_resource_policy(Content=delegation)["ResourcePolicy"]
    assert put["ResourcePolicySummary"]["Id"].startswith("rp-")
    assert put["ResourcePolicySummary"]["Arn"].startswith(f"arn:aws:organizations::{account}:resourcepolicy/o-")
    policy = member_orgs.create_policy(Content=SCP, Description="", Name="delegated", Type="SERVICE_CONTROL_POLICY")["Policy"]
    member_orgs.attach_policy(PolicyId=policy["PolicySummary"]["Id"], TargetId=root["Id"])
    assert member_orgs.describe_resource_policy()["ResourcePolicy"]["Content"] == delegation
    with pytest.raises(botocore.exceptions.ClientError) as e:
        member_orgs.delete_policy(PolicyId=policy["PolicySummary"]["Id"])
    assert code(e) == "AccessDeniedException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.put_resource_policy(Content=delegation.replace("organizations:AttachPolicy", "organizations:CreateAccount"))
    assert code(e) == "InvalidInputException" and e.value.response["Reason"] == "UNSUPPORTED_ACTION_IN_RESOURCE_POLICY"
    orgs.delete_resource_policy()
    with pytest.raises(botocore.exceptions.ClientError) as e:
        orgs.describe_resource_policy()
    assert code(e) == "ResourcePolicyNotFoundException"
