extension ConsoleTemplates {
    static let iam = """
        {{<layout}}{{$content}}
        <table id="iam-users">
        <caption>Users</caption>
        <thead><tr><th scope="col">User name</th><th scope="col">ARN</th><th scope="col">Created</th></tr></thead>
        <tbody>{{#users.Users}}<tr><td>{{UserName}}</td><td>{{Arn}}</td><td>{{CreateDate}}</td></tr>{{/users.Users}}</tbody>
        </table>
        <table id="iam-groups">
        <caption>Groups</caption>
        <thead><tr><th scope="col">Group name</th><th scope="col">ARN</th><th scope="col">Created</th></tr></thead>
        <tbody>{{#groups.Groups}}<tr><td>{{GroupName}}</td><td>{{Arn}}</td><td>{{CreateDate}}</td></tr>{{/groups.Groups}}</tbody>
        </table>
        <table id="iam-roles">
        <caption>Roles</caption>
        <thead><tr><th scope="col">Role name</th><th scope="col">ARN</th><th scope="col">Created</th></tr></thead>
        <tbody>{{#roles.Roles}}<tr><td>{{RoleName}}</td><td>{{Arn}}</td><td>{{CreateDate}}</td></tr>{{/roles.Roles}}</tbody>
        </table>
        <table id="iam-policies">
        <caption>Customer managed policies</caption>
        <thead><tr><th scope="col">Policy name</th><th scope="col">ARN</th><th scope="col">Attachments</th></tr></thead>
        <tbody>{{#policies.Policies}}<tr><td>{{PolicyName}}</td><td>{{Arn}}</td><td>{{AttachmentCount}}</td></tr>{{/policies.Policies}}</tbody>
        </table>
        <h2>Create a policy</h2>
        <form id="create-policy" method="post" action="/console/iam/policies">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="policyName">Policy name</label><input id="policyName" name="policyName" value="{{draft.policyName}}" required></p>
        <p><label for="description">Description (optional)</label><input id="description" name="description"></p>
        <p><label for="policyDocument">Policy document (JSON)</label>
        <textarea id="policyDocument" name="policyDocument" rows="14" spellcheck="false" required>{{draft.policyDocument}}</textarea></p>
        <p><button type="submit">Validate and create</button></p>
        </form>
        {{#hasFindings}}
        <h2>Validation findings</h2>
        <ul id="policy-findings">{{#findings}}<li data-finding-type="{{type}}"><strong>{{type}}</strong> {{code}}{{#line}} (line {{line}}){{/line}}: {{details}}</li>{{/findings}}</ul>
        {{/hasFindings}}
        {{/content}}{{/layout}}
        """

    static let simulator = """
        {{<layout}}{{$content}}
        <form id="simulator" method="post" action="/console/simulator">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="mode">Simulate</label><select id="mode" name="mode">{{#modes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/modes}}</select></p>
        <p><label for="policySourceArn">User, group or role ARN</label><input id="policySourceArn" name="policySourceArn" value="{{policySourceArn}}"></p>
        <p><label for="policies">Policy to simulate (JSON, for policies typed here)</label><textarea id="policies" name="policies" rows="8" spellcheck="false">{{policies}}</textarea></p>
        <p><label for="actions">Actions, one a line</label><textarea id="actions" name="actions" rows="4" spellcheck="false" required>{{actions}}</textarea></p>
        <p><label for="resources">Resource ARNs, one a line (optional)</label><textarea id="resources" name="resources" rows="3" spellcheck="false">{{resources}}</textarea></p>
        <p><label for="context">Context keys, key=value a line (optional)</label><textarea id="context" name="context" rows="3" spellcheck="false">{{context}}</textarea></p>
        <p><button type="submit">Run simulation</button></p>
        </form>
        {{#hasResults}}
        <table id="simulation-results">
        <caption>Results</caption>
        <thead><tr><th scope="col">Action</th><th scope="col">Resource</th><th scope="col">Decision</th><th scope="col">Matched statements</th><th scope="col">Missing context keys</th></tr></thead>
        <tbody>{{#results}}<tr><td>{{action}}</td><td>{{resource}}</td><td class="{{decision}}">{{decision}}</td><td>{{matched}}</td><td>{{missing}}</td></tr>{{/results}}</tbody>
        </table>
        {{/hasResults}}
        {{/content}}{{/layout}}
        """
}
