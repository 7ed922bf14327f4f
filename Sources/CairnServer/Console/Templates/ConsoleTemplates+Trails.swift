extension ConsoleTemplates {
    static let trails = """
        {{<layout}}{{$content}}
        <table id="trails-table">
        <caption>Trails seen in {{region}}</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Home region</th><th scope="col">Multi-region</th><th scope="col">Organization trail</th><th scope="col">Logging</th><th scope="col">Notes</th></tr></thead>
        <tbody>
        {{#trails}}<tr data-trail="{{name}}"><td><a href="{{href}}">{{name}}</a></td><td>{{homeRegion}}</td><td>{{multiRegion}}</td><td>{{organization}}</td><td>{{logging}}</td><td>{{#shadow}}Shadow of a trail homed in {{homeRegion}}. {{/shadow}}{{#readOnly}}Read-only: another account owns it.{{/readOnly}}</td></tr>
        {{/trails}}
        </tbody>
        </table>
        {{^trails}}<p>No trails in this region.</p>{{/trails}}
        <h2>Create a trail</h2>
        <form id="create-trail" method="post" action="/console/trails">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="name">Trail name</label><input id="name" name="name" value="{{form.name}}" required></p>
        <p><label for="s3BucketName">S3 bucket</label><input id="s3BucketName" name="s3BucketName" value="{{form.s3BucketName}}" required></p>
        <p><label for="s3KeyPrefix">Key prefix (optional)</label><input id="s3KeyPrefix" name="s3KeyPrefix"></p>
        <p><input type="checkbox" id="isMultiRegionTrail" name="isMultiRegionTrail" value="true" checked> <label for="isMultiRegionTrail">Multi-region trail</label></p>
        <p><input type="checkbox" id="isOrganizationTrail" name="isOrganizationTrail" value="true"> <label for="isOrganizationTrail">Organization trail</label></p>
        <p><input type="checkbox" id="enableLogFileValidation" name="enableLogFileValidation" value="true" checked> <label for="enableLogFileValidation">Log file validation</label></p>
        <p><button type="submit">Create trail</button></p>
        </form>
        {{/content}}{{/layout}}
        """

    static let trail = """
        {{<layout}}{{$content}}
        {{#trail}}
        <dl class="details">
        <dt>ARN</dt><dd>{{TrailARN}}</dd>
        <dt>Home region</dt><dd>{{HomeRegion}}</dd>
        <dt>S3 bucket</dt><dd>{{S3BucketName}}{{#S3KeyPrefix}}/{{S3KeyPrefix}}{{/S3KeyPrefix}}</dd>
        <dt>Multi-region</dt><dd>{{#IsMultiRegionTrail}}Yes{{/IsMultiRegionTrail}}{{^IsMultiRegionTrail}}No{{/IsMultiRegionTrail}}</dd>
        <dt>Organization trail</dt><dd>{{#IsOrganizationTrail}}Yes{{/IsOrganizationTrail}}{{^IsOrganizationTrail}}No{{/IsOrganizationTrail}}</dd>
        <dt>Log file validation</dt><dd>{{#LogFileValidationEnabled}}On{{/LogFileValidationEnabled}}{{^LogFileValidationEnabled}}Off{{/LogFileValidationEnabled}}</dd>
        <dt>Global service events</dt><dd>{{#IncludeGlobalServiceEvents}}Included{{/IncludeGlobalServiceEvents}}{{^IncludeGlobalServiceEvents}}Not included{{/IncludeGlobalServiceEvents}}</dd>
        </dl>
        {{/trail}}
        {{#status}}
        <h2>Status</h2>
        <p id="trail-status">Logging: {{logging}}</p>
        <dl class="details">
        <dt>Last delivery</dt><dd>{{#LatestDeliveryTime}}{{LatestDeliveryTime}}{{/LatestDeliveryTime}}{{^LatestDeliveryTime}}None yet{{/LatestDeliveryTime}}</dd>
        <dt>Last digest</dt><dd>{{#LatestDigestDeliveryTime}}{{LatestDigestDeliveryTime}}{{/LatestDigestDeliveryTime}}{{^LatestDigestDeliveryTime}}None yet{{/LatestDigestDeliveryTime}}</dd>
        <dt>Delivery error</dt><dd>{{#LatestDeliveryError}}{{LatestDeliveryError}}{{/LatestDeliveryError}}{{^LatestDeliveryError}}None{{/LatestDeliveryError}}</dd>
        <dt>Digest error</dt><dd>{{#LatestDigestDeliveryError}}{{LatestDigestDeliveryError}}{{/LatestDigestDeliveryError}}{{^LatestDigestDeliveryError}}None{{/LatestDigestDeliveryError}}</dd>
        </dl>
        {{/status}}
        {{#trail}}
        {{#readOnly}}<p>This trail belongs to another account or region: it is read-only here.</p>{{/readOnly}}
        {{^readOnly}}
        <div class="actions">
        <form id="start-logging" method="post" action="{{actionBase}}/start"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="trail" value="{{identifier}}"><button type="submit">Start logging</button></form>
        <form id="stop-logging" method="post" action="{{actionBase}}/stop"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="trail" value="{{identifier}}"><button type="submit">Stop logging</button></form>
        <form id="delete-trail" method="post" action="{{actionBase}}/delete"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="trail" value="{{identifier}}"><button type="submit" class="danger">Delete trail</button></form>
        </div>
        <h2>Settings</h2>
        <form id="update-trail" method="post" action="{{actionBase}}/update">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="trail" value="{{identifier}}">
        <p><label for="s3BucketName">S3 bucket</label><input id="s3BucketName" name="s3BucketName" value="{{S3BucketName}}" required></p>
        <p><label for="s3KeyPrefix">Key prefix</label><input id="s3KeyPrefix" name="s3KeyPrefix" value="{{S3KeyPrefix}}"></p>
        <p><input type="checkbox" id="isMultiRegionTrail" name="isMultiRegionTrail" value="true"{{#IsMultiRegionTrail}} checked{{/IsMultiRegionTrail}}> <label for="isMultiRegionTrail">Multi-region trail</label></p>
        <p><input type="checkbox" id="enableLogFileValidation" name="enableLogFileValidation" value="true"{{#LogFileValidationEnabled}} checked{{/LogFileValidationEnabled}}> <label for="enableLogFileValidation">Log file validation</label></p>
        <p><input type="checkbox" id="includeGlobalServiceEvents" name="includeGlobalServiceEvents" value="true"{{#IncludeGlobalServiceEvents}} checked{{/IncludeGlobalServiceEvents}}> <label for="includeGlobalServiceEvents">Include global service events</label></p>
        <p><button type="submit">Save settings</button></p>
        </form>
        <h2>Event selectors</h2>
        <form id="event-selectors" method="post" action="{{actionBase}}/event-selectors">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="trail" value="{{identifier}}">
        <p><label for="eventSelectors">PutEventSelectors request (JSON: EventSelectors or AdvancedEventSelectors)</label>
        <textarea id="eventSelectors" name="eventSelectors" rows="12" spellcheck="false">{{eventSelectors}}</textarea></p>
        <p><button type="submit">Save event selectors</button></p>
        </form>
        <h2>Insights</h2>
        <form id="insight-selectors" method="post" action="{{actionBase}}/insight-selectors">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="trail" value="{{identifier}}">
        <fieldset><legend>Insight types</legend>
        {{#insightTypes}}<p><input type="checkbox" id="{{name}}" name="{{name}}" value="true"{{#checked}} checked{{/checked}}> <label for="{{name}}">{{name}}</label></p>{{/insightTypes}}
        </fieldset>
        <p><button type="submit">Save insight selectors</button></p>
        </form>
        {{/readOnly}}
        {{/trail}}
        <p><a href="/console/trails">Back to trails</a></p>
        {{/content}}{{/layout}}
        """
}
