extension ConsoleTemplates {
    static let organization = """
        {{<layout}}{{$content}}
        {{#noOrganization}}
        <div id="no-organization">
        <p>This account is not in an organization.</p>
        <form id="create-organization" method="post" action="/console/organization/create">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">Create an organization</button></p>
        </form>
        </div>
        {{/noOrganization}}
        {{#organization}}<p>Organization {{Id}}, managed by account {{MasterAccountId}}, feature set {{FeatureSet}}.</p>{{/organization}}
        {{#tree}}
        <h2>Accounts and organizational units</h2>
        <ul id="organization-tree">{{> node}}</ul>
        {{/tree}}
        {{#hasOrganization}}
        <h2>Move an account</h2>
        <form id="move-account" method="post" action="/console/organization/move">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="accountId">Account</label><select id="accountId" name="accountId">{{#accounts}}<option value="{{id}}">{{name}} ({{id}})</option>{{/accounts}}</select></p>
        <p><label for="destinationParentId">Move to</label><select id="destinationParentId" name="destinationParentId">{{#parents}}<option value="{{id}}">{{name}} ({{id}})</option>{{/parents}}</select></p>
        <p><button type="submit">Move account</button></p>
        </form>
        <h2>Create an organizational unit</h2>
        <form id="create-unit" method="post" action="/console/organization/units">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="parentId">Parent</label><select id="parentId" name="parentId">{{#parents}}<option value="{{id}}">{{name}} ({{id}})</option>{{/parents}}</select></p>
        <p><label for="unitName">Name</label><input id="unitName" name="name" required></p>
        <p><button type="submit">Create organizational unit</button></p>
        </form>
        <h2>Create an account</h2>
        <form id="create-account" method="post" action="/console/organization/accounts">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="email">Email</label><input id="email" name="email" type="email" required></p>
        <p><label for="accountName">Account name</label><input id="accountName" name="accountName" required></p>
        <p><button type="submit">Create account</button></p>
        </form>
        <h2>Delegated administrators</h2>
        <table id="delegated-administrators">
        <caption>Accounts that administer services for the organization</caption>
        <thead><tr><th scope="col">Account</th><th scope="col">Name</th><th scope="col">Delegated since</th></tr></thead>
        <tbody>{{#delegatedAdministrators}}<tr><td>{{Id}}</td><td>{{Name}}</td><td>{{DelegationEnabledDate}}</td></tr>{{/delegatedAdministrators}}</tbody>
        </table>
        <h2>Trusted access</h2>
        <ul id="trusted-access">{{#trustedAccess}}<li>{{ServicePrincipal}} (since {{DateEnabled}})</li>{{/trustedAccess}}</ul>
        {{^trustedAccess}}<p>No service has trusted access.</p>{{/trustedAccess}}
        {{/hasOrganization}}
        {{/content}}{{/layout}}
        """

    static let node = """
        <li data-id="{{id}}" data-kind="{{kind}}">{{#isAccount}}<a href="/console/organization/accounts/{{id}}">{{name}}</a> ({{id}}, {{status}}){{/isAccount}}{{^isAccount}}<span class="node">{{name}}</span> ({{id}}){{/isAccount}}{{#hasPolicies}} <span class="policies">Policies: {{#policies}}<span class="tag">{{name}}</span> {{/policies}}</span>{{/hasPolicies}}{{#hasChildren}}<ul>{{#children}}{{> node}}{{/children}}</ul>{{/hasChildren}}</li>
        """

    static let account = """
        {{<layout}}{{$content}}
        {{#account}}
        <dl class="details">
        <dt>Account ID</dt><dd>{{Id}}</dd>
        <dt>Name</dt><dd>{{Name}}</dd>
        <dt>Email</dt><dd>{{Email}}</dd>
        <dt>ARN</dt><dd>{{Arn}}</dd>
        <dt>Status</dt><dd>{{Status}}</dd>
        <dt>Joined</dt><dd>{{JoinedMethod}} at {{JoinedTimestamp}}</dd>
        </dl>
        {{/account}}
        <h2>Parent</h2>
        <ul>{{#parents}}<li>{{Id}} ({{Type}})</li>{{/parents}}</ul>
        <h2>Tags</h2>
        <ul>{{#tags}}<li>{{Key}} = {{Value}}</li>{{/tags}}</ul>
        {{^tags}}<p>No tags.</p>{{/tags}}
        <p><a href="/console/organization">Back to the organization</a></p>
        {{/content}}{{/layout}}
        """
}
