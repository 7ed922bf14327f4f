/// The console's one stylesheet and icon, served from the binary. Colours keep a contrast ratio of at least 4.5:1
/// (WCAG AA) and every focusable element shows a visible focus ring.
enum ConsoleStyle {
    static let css = """
        :root { color-scheme: light; --ink: #1b1f23; --muted: #4a5560; --accent: #0b5394; --line: #c7ced6; --bg: #ffffff; --panel: #f3f5f7; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, pre:focus-visible {
          outline: 3px solid #b35900; outline-offset: 2px; }
        .skip { position: absolute; left: -9999px; }
        .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
        header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #102a43; color: #ffffff; }
        header.top .brand { font-weight: 700; margin: 0 1rem 0 0; }
        header.top .who { margin: 0; flex: 1; overflow-wrap: anywhere; }
        header.top form { display: flex; gap: .5rem; align-items: center; margin: 0; }
        nav ul { display: flex; flex-wrap: wrap; gap: 1.25rem; list-style: none; margin: 0; padding: .5rem 1rem; background: var(--panel); border-bottom: 1px solid var(--line); }
        nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
        main { padding: 1rem 1.5rem 3rem; max-width: 90rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
        label { display: block; font-weight: 600; margin-bottom: .2rem; }
        input[type="checkbox"] + label { display: inline; font-weight: 400; }
        input:not([type="checkbox"]), select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #6b7785; border-radius: 4px; min-width: 16rem; max-width: 100%; }
        textarea { width: 100%; font-family: ui-monospace, monospace; }
        button { font: inherit; padding: .4rem .9rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #ffffff; cursor: pointer; }
        button.danger { background: #a4161a; border-color: #a4161a; }
        .filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
        .filters p { margin: 0; }
        .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 2rem; }
        .actions { display: flex; gap: .75rem; flex-wrap: wrap; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
        th { background: var(--panel); }
        dl.details { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dl.details dt { font-weight: 600; }
        dl.details dd { margin: 0; overflow-wrap: anywhere; }
        pre { background: var(--panel); padding: 1rem; overflow: auto; border: 1px solid var(--line); }
        .tag { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #e6ecf2; color: var(--ink); font-size: .9em; }
        #flash { background: #e3f4e8; border-left: 4px solid #1e6b34; padding: .5rem 1rem; }
        #error { background: #fdecea; border-left: 4px solid #a4161a; padding: .25rem 1rem; }
        .allowed { color: #1e6b34; font-weight: 600; }
        .explicitDeny, .implicitDeny { color: #a4161a; font-weight: 600; }
        ul#organization-tree, ul#organization-tree ul { list-style: none; padding-left: 1.5rem; border-left: 1px dotted var(--line); }
        fieldset { border: 1px solid var(--line); }
        """

    static let favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M2 14h12L8 2z" fill="#102a43"/></svg>
        """
}
