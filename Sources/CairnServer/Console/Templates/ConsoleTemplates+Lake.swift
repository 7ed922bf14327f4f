extension ConsoleTemplates {
    static let lake = """
        {{<layout}}{{$content}}
        <h2>Event data stores</h2>
        <table id="event-data-stores">
        <caption>Stores this account can query</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">ARN (FROM in a query takes the id after the last slash)</th><th scope="col">Status</th></tr></thead>
        <tbody>{{#stores}}<tr><td>{{Name}}</td><td>{{EventDataStoreArn}}</td><td>{{Status}}</td></tr>{{/stores}}</tbody>
        </table>
        {{^hasStores}}<p>No event data stores yet: create one with CreateEventDataStore.</p>{{/hasStores}}
        <h2>Query</h2>
        <form id="lake-query" method="post" action="/console/lake">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="statement">SQL</label><textarea id="statement" name="statement" rows="6" spellcheck="false" required>{{statement}}</textarea></p>
        <p><button type="submit">Run query</button></p>
        </form>
        {{#query}}
        <h2>Query {{QueryId}}</h2>
        <p id="query-status">Status: {{QueryStatus}}{{#ErrorMessage}}: {{ErrorMessage}}{{/ErrorMessage}}</p>
        {{/query}}
        {{#running}}<p><a id="refresh-query" href="/console/lake?queryId={{queryId}}">Refresh</a> (the query is still running)</p>{{/running}}
        {{#hasRows}}
        <table id="query-results">
        <caption>Results</caption>
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        </table>
        {{#nextQuery}}<p><a id="next-page" href="/console/lake?{{nextQuery}}">Next results</a></p>{{/nextQuery}}
        {{/hasRows}}
        {{/content}}{{/layout}}
        """

    static let insights = """
        {{<layout}}{{$content}}
        <table id="insights-table">
        <caption>Insights events in {{region}}, newest first</caption>
        <thead><tr><th scope="col">Event time</th><th scope="col">State</th><th scope="col">Insight type</th><th scope="col">Event source</th><th scope="col">Event name</th></tr></thead>
        <tbody>{{#insights}}<tr><td><a href="/console/events/{{id}}">{{time}}</a></td><td>{{state}}</td><td>{{type}}</td><td>{{source}}</td><td>{{name}}</td></tr>{{/insights}}</tbody>
        </table>
        {{^insights}}<p>No Insights events: a trail with insight selectors records them when call or error rates leave their baseline.</p>{{/insights}}
        {{#nextQuery}}<p><a id="next-page" href="/console/insights?{{nextQuery}}">Next page</a></p>{{/nextQuery}}
        {{/content}}{{/layout}}
        """
}
