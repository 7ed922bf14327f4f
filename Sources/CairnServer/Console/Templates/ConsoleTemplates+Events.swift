extension ConsoleTemplates {
    static let events = """
        {{<layout}}{{$content}}
        <form id="event-filter" method="get" action="/console/events" class="filters">
        <p><label for="attribute">Lookup attribute</label><select id="attribute" name="attribute">{{#attributes}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/attributes}}</select></p>
        <p><label for="value">Value</label><input id="value" name="value" value="{{value}}"></p>
        <p><label for="start">From (UTC)</label><input type="datetime-local" id="start" name="start" value="{{start}}"></p>
        <p><label for="end">To (UTC)</label><input type="datetime-local" id="end" name="end" value="{{end}}"></p>
        <p><button type="submit">Filter</button></p>
        </form>
        <p class="downloads">Download these events (up to 10,000):
        <a id="download-json" href="/console/events/download?format=json&amp;{{downloadQuery}}">JSON</a>
        <a id="download-csv" href="/console/events/download?format=csv&amp;{{downloadQuery}}">CSV</a></p>
        <table id="events-table">
        <caption>Events in {{region}}, newest first</caption>
        <thead><tr><th scope="col">Event time</th><th scope="col">Event name</th><th scope="col">User name</th><th scope="col">Event source</th><th scope="col">Resources</th></tr></thead>
        <tbody>
        {{#events}}<tr><td>{{time}}</td><td><a href="/console/events/{{id}}">{{name}}</a>{{#errorCode}} <span class="tag">{{errorCode}}</span>{{/errorCode}}</td><td>{{user}}</td><td>{{source}}</td><td>{{resources}}</td></tr>
        {{/events}}
        </tbody>
        </table>
        {{^events}}<p>No events match.</p>{{/events}}
        {{#nextQuery}}<p><a id="next-page" href="/console/events?{{nextQuery}}">Next page</a></p>{{/nextQuery}}
        {{/content}}{{/layout}}
        """

    static let event = """
        {{<layout}}{{$content}}
        <p>{{name}} at {{time}}</p>
        <pre id="event-record" tabindex="0">{{record}}</pre>
        <p><a href="/console/events">Back to event history</a></p>
        {{/content}}{{/layout}}
        """
}
