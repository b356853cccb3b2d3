/// The pages' templates (Mustache: `{{x}}` is HTML-escaped; `{{{x}}}` only for HTML the app made).
enum Templates {
    static let all: [String: String] = ["layout": layout, "overview": overview, "library": library, "week": week, "error": error, "login": login, "reports": reports, "station": stationPage]

    static let layout = #"""
<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · LichPhat</title>
{{#refresh}}<noscript><meta http-equiv="refresh" content="{{refresh}}"></noscript>{{/refresh}}
<style>
:root { --ink: #1b1f24; --muted: #5b6470; --line: #d6dbe1; --ok: #14692b; --bad: #b3261e; --warn: #8a5a00; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: #f6f7f9; }
header { background: #0b3d6e; color: #fff; padding: 8px 20px; display: flex; gap: 18px; align-items: baseline; flex-wrap: wrap; }
header a { color: #fff; text-decoration: none; } header a:hover { text-decoration: underline; }
header .brand { font-weight: 700; font-size: 17px; margin-right: 12px; }
header .lang { margin-left: auto; font-size: 13px; }
header form.user { font-size: 13px; display: inline-flex; gap: 8px; align-items: baseline; margin: 0; }
header form.user button { background: none; border: 1px solid #fff; padding: 1px 8px; font-size: 13px; }
form.report fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 10px; padding: 6px 10px; }
form.report label.check { display: inline-block; margin-right: 16px; }
form.report .logs label.check { display: block; margin-left: 24px; }
form.report input[type=text] { min-width: 0; }
iframe.report { width: 100%; border: 1px solid var(--line); background: #fff; min-height: 400px; margin-top: 12px; }
details.speak textarea { width: 100%; font: inherit; }
details.speak input[type=text] { min-width: 240px; }
details.amend form { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 8px 16px; align-items: end; }
details.amend select, details.amend input[type=number], details.amend input[type=datetime-local] { width: 100%; box-sizing: border-box; }
form.fields input[type=text], form.fields input[type=number] { min-width: 0; width: 6em; text-align: right; padding: 2px 4px; }
form.fields input.title { width: 100%; text-align: left; } form.fields input.fill { width: 24em; text-align: left; }
form.fields td input[type=number] { width: 4em; }
form.editor textarea { width: 100%; font: 13px/1.4 "DejaVu Sans Mono", monospace; }
form.login { max-width: 360px; display: grid; gap: 10px; }
form.login input { min-width: 0; width: 100%; }
main { max-width: 1320px; margin: 0 auto; padding: 16px 20px 40px; }
h1 { font-size: 22px; margin: 6px 0 12px; } h2 { font-size: 18px; margin: 22px 0 8px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 14px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; border: 1px solid; }
.badge.error, .badge.under, .badge.over, .badge.modified { color: var(--bad); border-color: var(--bad); }
.badge.warning, .badge.draft { color: var(--warn); border-color: var(--warn); }
.badge.ok, .badge.approved { color: var(--ok); border-color: var(--ok); }
.badge.none { color: var(--muted); border-color: var(--muted); }
.modified-banner { background: #fdecea; border: 2px solid var(--bad); color: var(--bad); padding: 8px 12px; border-radius: 6px; font-weight: 600; }
.message { padding: 8px 12px; border-radius: 6px; margin-bottom: 12px; white-space: pre-line; }
.message.bad { background: #fdecea; color: var(--bad); } .message.good { background: #e7f4ea; color: var(--ok); }
.muted { color: var(--muted); }
button, .button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 6px 14px; font-size: 14px; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #5b6470; }
input[type=text], input[type=search] { padding: 5px 8px; border: 1px solid #9aa3ad; border-radius: 4px; font-size: 14px; min-width: 340px; }
form.inline { display: inline-flex; gap: 8px; align-items: center; margin: 4px 12px 4px 0; }
@media (max-width: 700px) { form.inline { display: flex; flex-wrap: wrap; max-width: 100%; } form.inline input[type=text] { flex: 1 1 100%; min-width: 0; } }
table.grid { table-layout: fixed; }
.grid td { width: 14.28%; font-size: 13px; overflow-wrap: anywhere; }
.grid form.add select { width: 100%; }
.grid .airing { margin: 2px 0; } .grid .t { font-variant-numeric: tabular-nums; color: var(--muted); }
.grid .why { color: var(--accent); font-size: 12px; }
.grid .notable { border-left: 3px solid var(--accent); padding-left: 4px; }
.grid form.remove { float: right; margin: 0; }
.history ul.changes { margin: 0; padding-left: 1em; }
.since ul { margin: 4px 0 0; }
@media (max-width: 700px) {
  .history table, .history tbody, .history tr, .history td { display: block; width: auto; }
  .history thead { display: none; }
  .history tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  .history td { border: 0; padding: 1px 0; text-align: left; }
  .history td:empty { display: none; }
}
.grid form.remove.pin button { color: var(--muted); } .grid form.remove.pin.on button { color: var(--accent); }
.grid form.add { display: flex; gap: 4px; margin-top: 4px; }
.grid form.add select { flex: 1; min-width: 0; font-size: 12px; }
.grid form.add button { padding: 0 8px; }
.grid form.remove button { background: none; color: var(--bad); padding: 0 4px; font-size: 15px; line-height: 1; }
.stations th { white-space: nowrap; width: 1%; }
.grid .freetime { margin-top: 4px; font-size: 12px; color: var(--muted); border-top: 1px dashed var(--line); }
.grid .freetime.idle { color: var(--bad); }
audio { height: 28px; width: 220px; }
.drop { margin-top: 8px; border: 2px dashed #9aa3ad; border-radius: 6px; padding: 14px; text-align: center; color: var(--muted); }
.drop.over { border-color: var(--accent); color: var(--accent); background: #eef5fc; }
#upload label { margin: 0 10px; }
.stations { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 14px; }
@media print {
  header, .actions, form, .noprint, .message { display: none !important; }
  body { background: #fff; font-size: 10pt; } main { padding: 0; max-width: none; }
  .card { border: 0; padding: 0; }
  @page { size: A4 landscape; margin: 12mm; }
}
</style>
</head>
<body>
<header>
  <a class="brand" href="/">LichPhat</a>
  <a href="/">{{t.overview}}</a>
  {{#station}}<a href="/stations/{{id}}/library">{{t.library}}</a><a href="/stations/{{id}}/weeks/{{thisWeek}}">{{t.week}}</a><a href="/stations/{{id}}/station">{{t.stationPage}}</a>{{/station}}
  <a href="/reports">{{t.reports}}</a>
  <a class="lang" href="?lang={{t.switchCode}}">{{t.switchTo}}</a>
  {{#user}}<form class="user" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><span title="{{name}}">{{fullName}} ({{role}})</span> <button type="submit">{{t.logout}}</button></form>{{/user}}
</header>
<main>
{{{content}}}
</main>
</body>
</html>
"""#

    static let overview = #"""
<h1>{{t.overview}}</h1>
<div class="stations">
{{#stations}}
<section class="card">
  <h2 style="margin-top:0">{{name}}</h2>
  <p class="muted">{{file}}</p>
  <table>
    <tr><th>{{t.thisWeek}}</th><td><a href="/stations/{{id}}/weeks/{{thisWeek.week}}">{{thisWeek.week}}</a> <span class="badge {{thisWeek.approval}}">{{thisWeek.state}}</span> {{#thisWeek.quota}}<span class="badge {{thisWeek.quotaClass}}">{{thisWeek.quota}}</span>{{/thisWeek.quota}}</td></tr>
    <tr><th>{{t.nextWeek}}</th><td><a href="/stations/{{id}}/weeks/{{nextWeek.week}}">{{nextWeek.week}}</a> <span class="badge {{nextWeek.approval}}">{{nextWeek.state}}</span> {{#nextWeek.quota}}<span class="badge {{nextWeek.quotaClass}}">{{nextWeek.quota}}</span>{{/nextWeek.quota}}</td></tr>
    <tr><th>{{t.library}}</th><td><a href="/stations/{{id}}/library">{{fileCount}} {{t.files}}</a>{{#hasErrors}} <span class="badge error">{{errorCount}} {{t.withErrors}}</span>{{/hasErrors}}{{#hasWarnings}} <span class="badge warning">{{warningCount}} {{t.withWarnings}}</span>{{/hasWarnings}}</td></tr>
    <tr><th>{{t.lastMonth}}</th><td>{{audit}}</td></tr>
    <tr><th>{{t.next}}</th><td><strong>{{todo}}</strong></td></tr>
  </table>
</section>
{{/stations}}
{{#failed}}
<section class="card">
  <h2 style="margin-top:0">{{file}}</h2>
  <div class="message bad">{{t.stationErrors}}</div>
  <ul>{{#lines}}<li>{{.}}</li>{{/lines}}</ul>
</section>
{{/failed}}
</div>
"""#

    static let library = #"""
<h1>{{t.library}} — {{station.name}}</h1>
{{#flashes}}<div class="message {{kind}}">{{text}}</div>{{/flashes}}
<form id="upload" class="card noprint" method="post" enctype="multipart/form-data" action="/stations/{{station.id}}/library/upload"><input type="hidden" name="csrf" value="{{csrf}}">
  <strong>{{t.upload}}</strong>
  <label>{{t.intoFolder}} <select name="folder">{{#folders}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/folders}}</select></label>
  <input id="files" type="file" name="files" multiple accept=".mp3,.wav,.ogg,.oga,.flac,audio/*" required>
  <button type="submit">{{t.send}}</button>
  <div id="drop" class="drop">{{t.dropHere}}</div>
</form>
<script>
(function () {
  var drop = document.getElementById('drop'), input = document.getElementById('files');
  ['dragenter', 'dragover'].forEach(function (e) { drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.add('over'); }); });
  ['dragleave', 'drop'].forEach(function (e) { drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.remove('over'); }); });
  drop.addEventListener('drop', function (ev) { input.files = ev.dataTransfer.files; if (input.files.length) document.getElementById('upload').submit(); });
})();
</script>
<details class="card noprint speak"><summary><strong>{{t.speakTitle}}</strong> <span class="muted">{{t.speakHint}}</span></summary>
<form method="post" action="/stations/{{station.id}}/library/speak"><input type="hidden" name="csrf" value="{{csrf}}">
  <textarea name="text" rows="5" required placeholder="{{t.speakPlaceholder}}" aria-label="{{t.speakTitle}}"></textarea>
  <p><label>{{t.fileName}} <input type="text" name="name" required placeholder="thong-bao-hop-dan" pattern="[^/\\.][^/\\]*"></label>
  <label>{{t.intoFolder}} <select name="folder">{{#folders}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/folders}}</select></label>
  <button type="submit">{{t.speakButton}}</button></p>
</form>
</details>
<form class="inline" method="get" action="/stations/{{station.id}}/library">
  <input type="search" name="q" value="{{query}}" placeholder="{{t.search}}" aria-label="{{t.search}}">
  <button type="submit">{{t.find}}</button>
</form>
<p class="muted">{{shown}} / {{total}} {{t.files}}</p>
<table>
<thead><tr><th>{{t.file}}</th><th>{{t.format}}</th><th class="num">{{t.length}}</th><th class="num">{{t.loudness}}</th><th class="num">{{t.truePeak}}</th><th class="num">{{t.gain}}</th><th>{{t.problems}}</th><th class="noprint"></th></tr></thead>
<tbody>
{{#files}}
<tr><td>{{path}}</td><td>{{format}}</td><td class="num">{{length}}</td><td class="num">{{lufs}}</td><td class="num">{{peak}}</td><td class="num">{{gain}}{{#limited}} <span class="badge warning" title="{{t.limitedHint}}">{{t.limited}}</span>{{/limited}}</td>
<td>{{#problems}}<div><span class="badge {{severity}}">{{code}}</span> {{message}}</div>{{/problems}}</td>
<td class="noprint">{{#playable}}<audio controls preload="none" src="{{audio}}"></audio>{{/playable}}</td></tr>
{{/files}}
{{^files}}<tr><td colspan="8" class="muted">{{t.noFiles}}</td></tr>{{/files}}
</tbody>
</table>
"""#

    static let week = #"""
<p class="noprint"><a href="/stations/{{station.id}}/weeks/{{previous}}">{{t.previous}}</a> · <a href="/stations/{{station.id}}/weeks/{{following}}">{{t.following}}</a></p>
<h1>{{station.name}} — {{title}}</h1>
{{#flash}}<div class="message {{flashClass}}">{{flash}}</div>{{/flash}}
<p><span class="badge {{approval}}">{{state}}</span>{{#revisionText}} <span class="muted revision">{{revisionText}}</span>{{/revisionText}}</p>
{{#modified}}<div class="modified-banner">{{modified}}</div>{{/modified}}
<div class="actions">
{{#canPlan}}
<form class="inline" method="post" action="/stations/{{station.id}}/weeks/{{weekID}}/plan"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="revision" value="{{revision}}"><input type="hidden" name="request" value="{{request}}-plan">{{#isPast}}<label class="past"><input type="checkbox" name="past" value="1" required> {{pastLabel}}</label> {{/isPast}}<button type="submit">{{#planned}}{{t.replan}}{{/planned}}{{^planned}}{{t.plan}}{{/planned}}</button>{{#isRunning}} <span class="muted">{{runningNote}}</span>{{/isRunning}}</form>
{{#offerShortfall}}<form class="inline" method="post" action="/stations/{{station.id}}/weeks/{{weekID}}/plan"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="revision" value="{{revision}}"><input type="hidden" name="request" value="{{request}}-plan-anyway">{{#isPast}}<input type="hidden" name="past" value="1">{{/isPast}}<input type="hidden" name="allowShortfall" value="1"><button class="secondary" type="submit">{{writeAnyway}}</button></form>{{/offerShortfall}}
{{/canPlan}}
{{#canApprove}}{{#mayApprove}}
{{#sinceApproval}}<div class="card since"><strong>{{sinceApproval}}</strong><ul>{{#sinceChanges}}<li>{{.}}</li>{{/sinceChanges}}</ul></div>{{/sinceApproval}}
<form class="inline" method="post" action="/stations/{{station.id}}/weeks/{{weekID}}/approve"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="revision" value="{{revision}}"><input type="hidden" name="request" value="{{request}}-approve">
  {{^approver}}<input type="text" name="by" required placeholder="{{t.approverName}}" aria-label="{{t.approverName}}">{{/approver}}
  <button type="submit">{{t.approve}}{{#revisionNumber}} {{t.revisionShort}} {{.}}{{/revisionNumber}}{{#approver}} ({{.}}){{/approver}}</button>
</form>
{{/mayApprove}}{{^mayApprove}}<p class="muted">{{t.leaderApproves}}</p>{{/mayApprove}}{{/canApprove}}
{{#approved}}<p class="muted">{{t.readOnly}}</p>{{/approved}}
{{#planned}}<a class="button" href="/stations/{{station.id}}/weeks/{{weekID}}/print" target="_blank">{{t.print}}</a>{{/planned}}
</div>
{{^planned}}<div class="card">{{t.notPlanned}}</div>{{/planned}}
{{#planned}}
<details class="card noprint amend"><summary><strong>{{t.amendTitle}}</strong></summary>
<p class="muted">{{t.amendHelp}}</p>
<form method="post" action="/stations/{{station.id}}/weeks/{{weekID}}/amend"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="revision" value="{{revision}}"><input type="hidden" name="request" value="{{request}}-amend">
  <label>{{t.amendItem}}<br><select name="item" required>{{#amendItems}}<option value="{{id}}">{{title}} ({{length}})</option>{{/amendItems}}</select></label>
  <label>{{t.amendTimes}}<br><input type="number" name="times" min="1" max="50"></label>
  <label>{{t.amendFrom}}<br><input type="datetime-local" name="from" value="{{amendFrom}}" required></label>
  <label><input type="checkbox" name="priority" value="1"> {{t.amendPriority}}</label>
  <button type="submit">{{t.amendButton}}</button>
</form>
</details>
<table class="grid">
<thead><tr>{{#days}}<th>{{name}}<br><span class="muted">{{date}}</span></th>{{/days}}</tr></thead>
<tbody>
{{#rows}}
<tr>{{#cells}}<td>{{#session}}<strong>{{name}}</strong> <span class="t">{{from}}–{{to}}</span>
{{#airings}}<div class="airing{{#notable}} notable{{/notable}}">{{#editable}}<form class="remove" method="post" action="{{removeAction}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="revision" value="{{revision}}"><input type="hidden" name="request" value="{{request}}-remove-{{airingID}}"><input type="hidden" name="airing" value="{{airingID}}"><button type="submit" title="{{removeTitle}}" aria-label="{{removeTitle}}">×</button></form><form class="remove pin{{#pinned}} on{{/pinned}}" method="post" action="{{pinAction}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="revision" value="{{revision}}"><input type="hidden" name="request" value="{{request}}-pin-{{airingID}}"><input type="hidden" name="airing" value="{{airingID}}"><input type="hidden" name="pinned" value="{{pinTarget}}"><button type="submit" title="{{pinTitle}}" aria-label="{{pinTitle}}">{{#pinned}}●{{/pinned}}{{^pinned}}○{{/pinned}}</button></form>{{/editable}}{{^editable}}{{#pinned}}<span class="t" title="{{pinTitle}}">●</span> {{/pinned}}{{/editable}}<span class="t">{{time}}</span> {{title}} <span class="t">({{length}})</span>{{#notable}}<div class="why">{{why}}</div>{{/notable}}</div>{{/airings}}
<div class="freetime{{#idle}} idle{{/idle}}">{{t.free}} {{free}}</div>
{{#canAdd}}<form class="add noprint" method="post" action="{{addAction}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="revision" value="{{revision}}"><input type="hidden" name="request" value="{{request}}-add-{{slot}}"><input type="hidden" name="slot" value="{{slot}}"><select name="item" aria-label="{{addLabel}}">{{#addable}}<option value="{{id}}">{{title}} ({{length}})</option>{{/addable}}</select><button type="submit" title="{{addLabel}}">+</button></form>{{/canAdd}}{{/session}}</td>{{/cells}}</tr>
{{/rows}}
</tbody>
</table>
<h2>{{t.quotas}}</h2>
<table>
<thead><tr><th>{{t.quota}}</th><th class="num">{{t.min}}</th><th class="num">{{t.max}}</th><th class="num">{{t.count}}</th><th>{{t.status}}</th></tr></thead>
<tbody>{{#quotas}}<tr><td>{{name}}</td><td class="num">{{min}}</td><td class="num">{{max}}</td><td class="num">{{count}}</td><td><span class="badge {{status}}">{{statusText}}</span></td></tr>{{/quotas}}</tbody>
</table>
{{#hasProblems}}<h2>{{t.notes}}</h2>{{/hasProblems}}
<ul>{{#problems}}<li><span class="badge {{severity}}">{{code}}</span> {{message}}</li>{{/problems}}</ul>
<section class="noprint downloads">
<h2>{{t.downloads}}</h2>
<ul>
{{#hasPlaylists}}<li><a href="/stations/{{station.id}}/weeks/{{weekID}}/playlists.zip" download>{{station.id}}-{{weekID}}-playlists.zip</a> — {{playlistsText}}</li>{{/hasPlaylists}}
{{#downloads}}<li><a href="{{href}}"{{^html}} download{{/html}}{{#html}} target="_blank"{{/html}}>{{name}}</a> <span class="muted">({{size}})</span> — {{what}}</li>{{/downloads}}
</ul>
<p>{{renderedText}}</p>
{{#rendering}}<div class="message" id="render-progress" data-job="/api/stations/{{station.id}}/weeks/{{weekID}}/render" data-parts="{{renderingParts}}">{{rendering}}</div>
<script>
// While the week renders, ask how far it has come (the page itself stays: a form being filled is
// not lost) and show the week again when it is done.
(function () {
  var box = document.getElementById('render-progress');
  function poll() {
    fetch(box.dataset.job, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.state !== 'running') { location.reload(); return; }
        if (job.total > 0) { box.textContent = box.dataset.parts.replace('{done}', job.done).replace('{total}', job.total); }
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
</script>{{/rendering}}
{{#renderMessage}}<div class="message {{renderMessageClass}}">{{renderMessage}}</div>{{/renderMessage}}
{{^rendering}}<form class="inline" method="post" action="/stations/{{station.id}}/weeks/{{weekID}}/render"><input type="hidden" name="csrf" value="{{csrf}}">
  <label>{{t.renderFormat}} <select name="format"><option value="mp3">MP3</option><option value="wav">WAV</option></select></label>
  <button type="submit">{{t.renderButton}}</button> <span class="muted">{{t.renderHelp}}</span>
</form>{{/rendering}}
{{#hasRendered}}<ul>{{#rendered}}<li><a href="{{href}}" download>{{name}}</a> <span class="muted">({{size}})</span> — {{what}}</li>{{/rendered}}</ul>{{/hasRendered}}
</section>
<section class="history" id="lich-su">
<h2>{{t.history}}</h2>
<table>
<thead><tr><th class="num">{{t.revisionShort}}</th><th>{{t.historyWhat}}</th><th>{{t.historyWho}}</th><th>{{t.historyWhen}}</th><th>{{t.historyApproved}}</th><th>{{t.historyChanges}}</th></tr></thead>
<tbody>{{#history}}<tr{{#current}} class="current"{{/current}}><td class="num">{{number}}{{#current}} ★{{/current}}</td><td>{{kind}}</td><td>{{by}}</td><td>{{at}}</td><td>{{approved}}</td><td><ul class="changes">{{#changes}}<li>{{.}}</li>{{/changes}}</ul></td></tr>{{/history}}</tbody>
</table>
</section>
{{/planned}}
"""#

    static let login = #"""
<h1>{{t.login}}</h1>
{{#message}}<div class="message bad">{{message}}</div>{{/message}}
<form class="login card" method="post" action="/login"><input type="hidden" name="csrf" value="{{csrf}}">
  <input type="hidden" name="next" value="{{next}}">
  <label>{{t.loginName}}<br><input type="text" name="name" value="{{name}}" required autofocus autocomplete="username"></label>
  <label>{{t.password}}<br><input type="password" name="password" required autocomplete="current-password"></label>
  <button type="submit">{{t.login}}</button>
</form>
<p class="muted">{{t.loginHelp}}</p>
"""#

    static let reports = #"""
<h1>{{t.reports}}</h1>
{{#flashes}}<div class="message {{kind}}">{{text}}</div>{{/flashes}}
<form class="card report noprint" method="get" action="/reports">
  <fieldset><legend>{{t.stations}}</legend>
  {{#stations}}<label class="check"><input type="checkbox" name="station" value="{{id}}"{{#checked}} checked{{/checked}}> {{name}}</label>{{/stations}}
  </fieldset>
  <fieldset><legend>{{t.period}}</legend>
  <label>{{t.periodLabel}} <input type="text" name="period" value="{{period}}" placeholder="2026-11 · 2026-Q4 · 2026-H2 · 2026" size="14"></label>
  <label>{{t.orFrom}} <input type="date" name="from" value="{{from}}"></label> <label>{{t.to}} <input type="date" name="to" value="{{to}}"></label>
  </fieldset>
  <fieldset><legend>{{t.basis}}</legend>
  <label class="check"><input type="radio" name="basis" value="plans"{{^basisLogs}} checked{{/basisLogs}}> {{t.basisPlans}}</label>
  <label class="check"><input type="radio" name="basis" value="logs"{{#basisLogs}} checked{{/basisLogs}}> {{t.basisLogs}}</label>
  <div class="logs">{{#stations}}{{#logs}}<label class="check"><input type="checkbox" name="log" value="{{value}}"{{#checked}} checked{{/checked}}> {{value}} <span class="muted">({{size}})</span></label>{{/logs}}{{/stations}}</div>
  </fieldset>
  <button type="submit">{{t.showReport}}</button>
</form>
<form class="card noprint" method="post" enctype="multipart/form-data" action="/reports/logs"><input type="hidden" name="csrf" value="{{csrf}}">
  <strong>{{t.uploadLog}}</strong>
  <label>{{t.forStation}} <select name="station">{{#stations}}<option value="{{id}}">{{name}}</option>{{/stations}}</select></label>
  <input type="file" name="files" accept=".csv,.txt,.log,text/csv" required>
  <button type="submit">{{t.send}}</button>
  <p class="muted">{{t.logShapes}}</p>
</form>
{{#result}}
<table>
<thead><tr><th>{{t.station}}</th><th>{{t.period}}</th><th>{{t.basis}}</th><th>{{t.verdict}}</th></tr></thead>
<tbody>{{#rows}}<tr><td>{{name}}</td><td>{{period}}</td><td>{{basis}}</td><td><span class="badge {{#ok}}ok{{/ok}}{{^ok}}under{{/ok}}">{{#ok}}{{t.met}}{{/ok}}{{^ok}}{{t.notMet}}{{/ok}}</span> {{verdict}}</td></tr>{{/rows}}</tbody>
</table>
<p class="actions noprint"><a class="button" href="/reports/report.html?{{query}}" target="_blank">{{t.printReport}}</a>
<a class="button" href="/reports/report.csv?{{query}}">CSV (Excel)</a> <a class="button" href="/reports/report.json?{{query}}">JSON</a></p>
<iframe class="report" title="{{t.reports}}" src="/reports/report.html?{{query}}"></iframe>
<script>
(function () {
  var f = document.querySelector('iframe.report');
  f.addEventListener('load', function () { var d = f.contentDocument; if (d && d.documentElement) { f.style.height = (d.documentElement.scrollHeight + 20) + 'px'; } });
})();
</script>
{{/result}}
"""#

    static let stationPage = #"""
<h1>{{t.stationPage}} — {{station.name}}</h1>
{{#flash}}<div class="message {{flashClass}}">{{flash}}</div>{{/flash}}
{{#hasErrors}}<div class="message bad">{{#errors}}<div>{{.}}</div>{{/errors}}</div>{{/hasErrors}}
<p class="muted">{{file}} · {{timezone}}</p>
<form class="fields" method="post" action="/stations/{{station.id}}/station/fields"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="base" value="{{base}}">
<h2>{{t.sessionsHeading}}</h2>
<table><thead><tr><th>id</th><th>{{t.name}}</th><th>{{t.daysHeading}}</th><th class="num">{{t.start}}</th><th class="num">{{t.length}}</th><th>{{t.opens}}</th><th>{{t.closes}}</th></tr></thead>
<tbody>{{#sessions}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{days}}</td><td class="num"><input type="text" name="session.{{id}}.start" value="{{start}}" size="5" pattern="[0-9]{1,2}:[0-9]{2}" aria-label="{{t.start}} {{name}}"></td><td class="num"><input type="text" name="session.{{id}}.length" value="{{lengthText}}" size="6" aria-label="{{t.length}} {{name}}"></td><td>{{open}}</td><td>{{close}}</td></tr>{{/sessions}}</tbody></table>
<h2>{{t.rulesHeading}}</h2>
<table><thead><tr><th>id</th><th>{{t.name}}</th><th>{{t.tags}}</th><th class="num">{{t.min}}</th><th class="num">{{t.max}}</th><th>{{t.daysHeading}}</th><th>{{t.sessionsHeading}}</th></tr></thead>
<tbody>{{#rules}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{tags}}</td><td class="num"><input type="number" min="0" max="100" name="rule.{{id}}.min" value="{{min}}" aria-label="{{t.min}} {{name}}"></td><td class="num"><input type="number" min="0" max="100" name="rule.{{id}}.max" value="{{max}}" aria-label="{{t.max}} {{name}}"></td><td>{{days}}</td><td>{{sessions}}</td></tr>{{/rules}}</tbody></table>
<h2>{{t.itemsHeading}}</h2>
<table><thead><tr><th>id</th><th>{{t.name}}</th><th>{{t.file}}</th><th class="num">{{t.length}}</th><th>{{t.tags}}</th><th class="num">{{t.perWeek}}</th><th>{{t.window}}</th></tr></thead>
<tbody>{{#items}}<tr><td>{{id}}{{#unusable}} <span class="badge error">!</span>{{/unusable}}</td><td>{{#explicit}}<input class="title" type="text" name="item.{{id}}.title" value="{{title}}" aria-label="{{t.name}} {{id}}">{{/explicit}}{{^explicit}}{{title}}{{/explicit}}</td><td>{{file}}</td><td class="num">{{length}}</td><td>{{tags}}</td><td class="num">{{#quota}}<input type="number" min="0" max="100" name="item.{{id}}.min" value="{{min}}" aria-label="{{t.min}} {{id}}">–<input type="number" min="0" max="100" name="item.{{id}}.max" value="{{max}}" aria-label="{{t.max}} {{id}}">{{/quota}}{{^quota}}{{perWeek}}{{/quota}}</td><td>{{window}}</td></tr>{{/items}}</tbody></table>
<p><label>{{t.fillHeading}}: <input class="fill" type="text" name="fill" value="{{fill}}" aria-label="{{t.fillHeading}}"></label></p>
<p class="noprint"><button type="submit">{{t.saveFields}}</button> <span class="muted">{{t.fieldsHelp}}</span></p>
</form>
<h2 class="noprint">{{t.editFile}}</h2>
<form class="card noprint editor" method="post" action="/stations/{{station.id}}/station"><input type="hidden" name="csrf" value="{{csrf}}">
  <input type="hidden" name="base" value="{{base}}">
  <textarea name="text" rows="28" spellcheck="false" aria-label="{{t.editFile}}">{{text}}</textarea>
  <p><button type="submit" name="action" value="check" class="secondary">{{t.checkFile}}</button> <button type="submit" name="action" value="save">{{t.saveFile}}</button>
  <span class="muted">{{t.editHelp}}</span></p>
</form>
{{#hasHistory}}<p class="muted noprint">{{t.historyHeading}}: {{#history}}{{.}} {{/history}}</p>{{/hasHistory}}
"""#

    static let error = #"""
<h1>{{heading}}</h1>
<div class="message bad">{{#lines}}<div>{{.}}</div>{{/lines}}</div>
<p><a href="{{back}}">←</a></p>
"""#
}
