/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx'

const css = `
:root{color-scheme:light dark;--bg:#f4f4f6;--card:#fff;--text:#1a1a2e;--muted:#5b5b6b;--line:#c9c9d4;--accent:#472aff;--accent-text:#fff;--error:#b3261e;--ok:#1b7f3b}
@media (prefers-color-scheme:dark){:root{--bg:#121218;--card:#1e1e28;--text:#ececf1;--muted:#a8a8b8;--line:#454556;--accent:#8f7dff;--accent-text:#0d0d14;--error:#ff8a80;--ok:#7ee2a0}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:480px;margin:0 auto;padding:24px 16px}
.card{background:var(--card);border-radius:16px;padding:32px 24px;box-shadow:0 1px 3px rgba(0,0,0,.12);overflow-wrap:anywhere}
.brand{font-weight:800;font-size:1.25rem;text-align:center;margin:0 0 16px;letter-spacing:-.02em}
h1{font-size:1.4rem;line-height:1.3;text-align:center;margin:0 0 12px}
p{margin:0 0 16px}.center{text-align:center}.muted{color:var(--muted);font-size:.9rem}
label{display:block;font-weight:600;margin:16px 0 6px}
input[type=text],input[type=email],input[type=password]{width:100%;padding:12px;border:1px solid var(--line);border-radius:8px;font:inherit;background:var(--card);color:var(--text)}
input[readonly]{color:var(--muted)}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.check{display:flex;gap:10px;align-items:flex-start;font-weight:400;margin-top:20px}.check input{width:20px;height:20px;margin:2px 0 0}
button{width:100%;padding:14px;border-radius:8px;font:inherit;font-weight:600;cursor:pointer;margin-top:20px;border:1px solid var(--accent)}
.primary{background:var(--accent);color:var(--accent-text)}.secondary{background:transparent;color:var(--accent)}
a{color:var(--accent)}.button-link{display:block;text-align:center;padding:14px;border-radius:8px;background:var(--accent);color:var(--accent-text);text-decoration:none;font-weight:600;margin-top:20px;border:1px solid var(--accent)}.button-link.secondary{background:transparent;color:var(--accent)}
.account-name{border:1px solid var(--line);border-radius:12px;padding:16px;margin:0 auto 16px;max-width:320px;text-align:center;font-size:1.2rem;font-weight:700;overflow-wrap:anywhere}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.secret input:focus-visible{position:relative;z-index:1}
.notice{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:8px;padding:12px;margin:0 0 16px}
input[aria-invalid=true]:not([type=checkbox]){border:2px solid var(--error);padding:11px}
input[type=checkbox][aria-invalid=true]:not(:focus-visible){outline:2px solid var(--error);outline-offset:2px}
.secret{display:flex}.secret input{min-width:0}.secret.revealable input{border-radius:8px 0 0 8px}
.reveal{width:auto;margin:0;padding:0 14px;display:flex;align-items:center;background:var(--card);color:var(--text);border:1px solid var(--line);border-left:0;border-radius:0 8px 8px 0}
.secret:has(input[aria-invalid=true]) .reveal{border:2px solid var(--error);border-left:0}
.reveal[aria-pressed=true] .eye,.reveal[aria-pressed=false] .eye-off{display:none}[hidden]{display:none!important}
.error{color:var(--error);font-size:.9rem;font-weight:600;margin:6px 0 0}.error::before{content:"⚠ ";content:"⚠ " / ""}.alert{border:1px solid var(--error);color:var(--error);border-radius:8px;padding:12px;margin:0 0 16px}
ul.rules{list-style:none;padding:0;margin:8px 0 0;font-size:.9rem}ul.rules li::before{content:"○ ";content:"○ " / ""}ul.rules li.met{color:var(--ok)}ul.rules li.met::before{content:"✓ ";content:"✓ " / ""}
`

export function Page(props: { title: string; productName: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · ${props.productName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <main>
          <div class="card">
            <p class="brand" aria-hidden="true">
              {props.productName}
            </p>
            {props.children}
          </div>
        </main>
      </body>
    </html>
  )
}

export function FieldError(props: { id: string; message?: string }) {
  return props.message ? (
    <p class="error" id={props.id} role="alert">
      {props.message}
    </p>
  ) : null
}
