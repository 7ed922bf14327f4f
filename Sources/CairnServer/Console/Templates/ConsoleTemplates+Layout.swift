extension ConsoleTemplates {
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Cairn console</title>
        <link rel="icon" href="/console/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/console/console.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        <p class="brand">Cairn console</p>
        {{#signedIn}}
        <p class="who">Signed in as <span id="principal">{{principal}}</span></p>
        <form id="region-switcher" method="post" action="/console/region">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="returnTo" value="{{returnTo}}">
        <label for="region">Region</label>
        <select name="region" id="region">{{#regions}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/regions}}</select>
        <button type="submit">Switch region</button>
        </form>
        <form id="sign-out" method="post" action="/console/sign-out">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Sign out</button>
        </form>
        {{/signedIn}}
        </header>
        {{#signedIn}}
        <nav aria-label="Console"><ul>{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}</ul></nav>
        {{/signedIn}}
        <main id="main">
        <h1>{{title}}</h1>
        {{#flash}}<p id="flash" role="status">{{flash}}</p>{{/flash}}
        {{#error}}<div id="error" role="alert"><p><strong>{{code}}</strong>: {{message}}</p></div>{{/error}}
        {{$content}}{{/content}}
        </main>
        </body>
        </html>

        """

    static let signIn = """
        {{<layout}}{{$content}}
        <div class="columns">
        <section aria-labelledby="password-heading">
        <h2 id="password-heading">IAM user and password</h2>
        <form id="password-sign-in" method="post" action="/console/sign-in">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="account">Account ID</label><input id="account" name="account" inputmode="numeric" value="{{account}}" required></p>
        <p><label for="userName">User name</label><input id="userName" name="userName" autocomplete="username" value="{{userName}}" required></p>
        <p><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><label for="mfaCode">MFA code (when the user has a device)</label><input id="mfaCode" name="mfaCode" inputmode="numeric" autocomplete="off"></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        </section>
        <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Access keys</h2>
        <form id="keys-sign-in" method="post" action="/console/sign-in">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="accessKeyId">Access key ID</label><input id="accessKeyId" name="accessKeyId" autocomplete="username" value="{{accessKeyId}}" required></p>
        <p><label for="secretAccessKey">Secret access key</label><input id="secretAccessKey" name="secretAccessKey" type="password" autocomplete="current-password" required></p>
        <p><label for="keyMfaCode">MFA code (when the user has a device)</label><input id="keyMfaCode" name="mfaCode" inputmode="numeric" autocomplete="off"></p>
        <p><button type="submit">Sign in with access keys</button></p>
        </form>
        </section>
        </div>
        {{/content}}{{/layout}}
        """
}
