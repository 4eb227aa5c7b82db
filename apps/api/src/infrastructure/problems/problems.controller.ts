import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Operation } from '../openapi/operation.decorator.js';
import { isProblemName, PROBLEMS, problemType, standardTitle, type ProblemKind, type ProblemName } from './catalogue.js';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `code` spans for the backquoted words of the catalogue's texts. */
function prose(text: string): string {
  return escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · SLA Ledger</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}code{background:#f2f2f2;padding:0 .2em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}</style>
</head><body>
${body}
</body></html>
`;
}

function describe(name: ProblemName, problem: ProblemKind): string {
  return page(
    name,
    `<p><a href="/problems">Problem types</a></p>
<h1>${escape(name)}</h1>
<p><strong>${problem.status} ${escape(standardTitle(problem.status))}</strong> · <code>type: ${escape(problemType(name))}</code></p>
<p>${prose(problem.summary)}</p>
<h2>What to do</h2>
<p>${prose(problem.remedy)}</p>
<p>The answer is <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> (what was wrong, for a person) and <code>instance</code> (the refused URL).</p>`,
  );
}

/** A page per problem type, so that every `type` a refusal carries can be opened and read. */
@ApiTags('operations')
@Controller('problems')
export class ProblemsController {
  @Operation({ summary: 'The problem types', description: 'A page listing every problem `type` a refusal can carry, with its status.', ok: String, produces: 'text/html', errors: [] })
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  index(): string {
    const rows = (Object.entries(PROBLEMS) as [ProblemName, ProblemKind][])
      .map(([name, problem]) => `<tr><td><a href="${problemType(name)}"><code>${escape(name)}</code></a></td><td>${problem.status}</td><td>${prose(problem.summary)}</td></tr>`)
      .join('\n');
    return page('Problem types', `<h1>Problem types</h1>\n<p>Every refusal of the API names one of these in its <code>type</code>.</p>\n<table><tr><th>type</th><th>status</th><th>when</th></tr>\n${rows}\n</table>`);
  }

  @Operation({ summary: 'Describe a problem type', description: 'What a refusal of this `type` means and what to do about it.', ok: String, produces: 'text/html', errors: [404] })
  @Get(':name')
  @Header('Content-Type', 'text/html; charset=utf-8')
  describe(@Param('name') name: string): string {
    if (!isProblemName(name)) throw new NotFoundException({ detail: `there is no problem type ${name}; GET /problems lists them` });
    return describe(name, PROBLEMS[name]);
  }
}
