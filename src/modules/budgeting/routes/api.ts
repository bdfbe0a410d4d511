import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ApiApp, AppEnv, Deps, RequestContext } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import type { PermissionRule } from '../../../kernel/auth.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { authorize, isAllowed } from '../../../kernel/policy.js';
import { bodyLimit } from 'hono/body-limit';
import { castBallot, confirmPaperBallot, enterPaperBallot, findMyBallots, generateCodes, importCodes, type Voter } from '../commands/ballots.js';
import { reviewProject, submitProposal, type Person } from '../commands/projects.js';
import { addProjectImage, presentImage } from '../commands/project-images.js';
import { readResults } from '../commands/read-results.js';
import { computeResults, importPabulib, publishResults } from '../commands/results.js';
import { closeVoting } from '../commands/personal-data.js';
import { countCensus, declareResidence, importCensus, readEligibility, verifyCensus, type Eligibility } from '../commands/eligibility.js';
import { saveProcess } from '../commands/save-process.js';
import {
  findProject,
  listHistory,
  listPendingPaperBallots,
  listProjectImages,
  listProcesses,
  listProjects,
  countTurnout,
  listDistricts,
  listCategories,
} from '../store/queries.js';
import { loadProcess, presentBallot, presentHistory, presentProcess, presentProject } from './present.js';

/** Permissions of participatory budgeting (declared in the manifest; admins hold all). */
export const budgetingPermissions: Record<string, PermissionRule> = {
  /** Create and edit processes, issue voting codes, compute and publish results, import and export. */
  'budgeting.process.manage': { roles: ['editor'] },
  /** Review proposals: feasibility, cost estimate, public reason when set aside. */
  'budgeting.project.review': { roles: ['agency_staff', 'editor'] },
  /** Enter and confirm paper ballots (a second person confirms). */
  'budgeting.paper.enter': { roles: ['agency_staff', 'editor'] },
  /** Propose a project and vote online: any signed-in resident. */
  'budgeting.participate': { roles: [], signedIn: true },
};

const tags = ['Budgeting'];
const slugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'city-budget-2027' }) });
const any = (description: string) => z.record(z.string(), z.unknown()).openapi({ description });
const ok = (description: string) => json(any(description), description);

/** The signed-in person acting, after a permission check. */
function personOf(deps: Deps, ctx: RequestContext, permission: string): Person {
  authorize(deps.permissions, ctx.actor, permission);
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 'Please sign in to continue.');
  return { userId: ctx.actor.userId, name: ctx.actor.name };
}

/**
 * The voter of a request: the holder of `code` when one is given (bound to the signed-in account,
 * if any), else the signed-in resident.
 */
export function voterOf(deps: Deps, ctx: RequestContext, code: unknown): Voter {
  if (typeof code === 'string' && code.trim() !== '')
    return { kind: 'code', code, userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null, client: ctx.clientIp };
  personOf(deps, ctx, 'budgeting.participate');
  return { kind: 'user', userId: (ctx.actor as { userId: string }).userId };
}

/** A person's eligibility as the API shows it (the district by slug). */
function presentEligibility(e: Eligibility, districts: { id: string; slug: string }[]) {
  return {
    rule: e.rule,
    eligible: e.eligible,
    onCensus: e.onCensus,
    residence: e.residence ? { district: districts.find((d) => d.id === e.residence!.districtId)?.slug ?? '', source: e.residence.source } : null,
  };
}

const body = async (c: Context<AppEnv>) => (await c.req.json().catch(() => null)) as Record<string, unknown> | null;

/** Registers /api/v1/budgeting/... (tag "Budgeting"). */
export function registerBudgetingApi(app: ApiApp): void {
  const route = (
    method: 'get' | 'post' | 'put',
    path: string,
    summary: string,
    handler: (c: Context<AppEnv>, deps: Deps, ctx: RequestContext) => Promise<Response>,
    opts: { params?: boolean; body?: string; status?: 200 | 201 } = {},
  ) =>
    app.openapi(
      createRoute({
        method,
        path,
        tags,
        summary,
        request: {
          ...(opts.params === false
            ? {}
            : {
                params: path.includes('{code}')
                  ? slugParam.extend({ code: z.string().openapi({ param: { name: 'code', in: 'path' } }) })
                  : path.includes('{id}')
                    ? slugParam.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) })
                    : slugParam,
              }),
          ...(opts.body ? { body: { content: { 'application/json': { schema: any(opts.body) } }, required: false } } : {}),
        },
        responses: { [opts.status ?? 200]: ok(summary), 409: json(any('conflict'), 'Not possible now (phase, lock, duplicate)'), ...errorResponses },
      }),
      (c) => handler(c as unknown as Context<AppEnv>, c.get('deps'), c.get('ctx')) as never,
    );

  route(
    'get',
    '/budgeting/processes',
    'Budgeting processes of the site, newest first',
    async (c, deps, ctx) => {
      const rows = await listProcesses(deps.db, ctx.site.id);
      const now = deps.clock.now();
      const items = [];
      for (const p of rows)
        items.push(presentProcess(p, await listDistricts(deps.db, ctx.site.id, p.id), await listCategories(deps.db, ctx.site.id, p.id), now));
      return c.json({ items });
    },
    { params: false },
  );

  route(
    'post',
    '/budgeting/processes',
    'Create a process: phases, rule, ballot type and constraints, districts (with budgets and an optional city-wide pot), categories (editors)',
    async (c, deps, ctx) => {
      personOf(deps, ctx, 'budgeting.process.manage');
      const p = await saveProcess(deps, ctx.site.id, await body(c));
      const { districts, categories } = await loadProcess(deps, ctx.site.id, p.slug);
      return c.json(presentProcess(p, districts, categories, deps.clock.now()), 201);
    },
    {
      params: false,
      body: 'ProcessInput: slug, title, description, currency, phases{proposals,review,voting,results,implementation:{start,end}}, rule{rule,satisfaction,completion,tieBreak,threshold,comparison}, ballotType, constraints, districts[{slug,name,budget,cityWide}], categories[{slug,name}], districtVoting (one | several: whether a resident votes in one district only or in several; the city-wide pot is always its own ballot), eligibility (open | residence | census)',
      status: 201,
    },
  );

  route('get', '/budgeting/processes/{slug}', 'A process with its phase, districts and categories', async (c, deps, ctx) => {
    const { process, districts, categories } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
    return c.json(presentProcess(process, districts, categories, deps.clock.now()));
  });

  route(
    'put',
    '/budgeting/processes/{slug}',
    'Replace a process (editors); the rule, ballot and budgets are fixed once voting opens',
    async (c, deps, ctx) => {
      personOf(deps, ctx, 'budgeting.process.manage');
      const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const p = await saveProcess(deps, ctx.site.id, await body(c), process);
      const { districts, categories } = await loadProcess(deps, ctx.site.id, p.slug);
      return c.json(presentProcess(p, districts, categories, deps.clock.now()));
    },
    { body: 'ProcessInput (as for creation)' },
  );

  route(
    'get',
    '/budgeting/processes/{slug}/projects',
    'Projects of a process (proposals, projects on the ballot, set-aside ones with their reason)',
    async (c, deps, ctx) => {
      const { process, districts, categories } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const rows = await listProjects(deps.db, ctx.site.id, process.id);
      return c.json({ items: rows.map((p) => presentProject(p, districts, categories)) });
    },
  );

  route('get', '/budgeting/processes/{slug}/projects/{code}', 'A project with its history', async (c, deps, ctx) => {
    const { process, districts, categories } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
    const p = await findProject(deps.db, ctx.site.id, process.id, c.req.param('code')!);
    if (!p) throw notFound('Project');
    const history = await listHistory(deps.db, ctx.site.id, p.id);
    const images = await listProjectImages(deps.db, ctx.site.id, p.id);
    return c.json({ ...presentProject(p, districts, categories), images: images.map(presentImage), history: history.map(presentHistory) });
  });

  app.use('/budgeting/processes/:slug/projects/:code/images', async (c, next) => {
    const max = c.get('deps').env.UPLOAD_MAX_BYTES;
    return bodyLimit({
      maxSize: max + 64 * 1024,
      onError: () => {
        throw new AppError('payload_too_large', 'The file is too large.', { fields: { file: `larger than the limit of ${max} bytes` } });
      },
    })(c, next);
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/budgeting/processes/{slug}/projects/{code}/images',
      tags,
      summary: 'Attach an image to a project (its proposer, or staff): at most 3, alt text required',
      description:
        'multipart/form-data with `file` (JPEG, PNG, WebP or GIF, checked from its content and re-encoded without metadata) and `alt` (what the image shows). Too large: 413; another kind: 415.',
      request: {
        params: slugParam.extend({ code: z.string().openapi({ param: { name: 'code', in: 'path' } }) }),
        body: {
          content: {
            'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }), alt: z.string() }) },
          },
        },
      },
      responses: {
        201: ok('The image attached'),
        413: json(any('too large'), 'Too large'),
        415: json(any('not an image'), 'Not an accepted kind of file'),
        ...errorResponses,
      },
    }),
    (async (c: Context<AppEnv>) => {
      const deps = c.get('deps');
      const ctx = c.get('ctx');
      const me = personOf(deps, ctx, 'budgeting.participate');
      const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const p = await findProject(deps.db, ctx.site.id, process.id, c.req.param('code')!);
      if (!p) throw notFound('Project');
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw new AppError('invalid_input', 'Send multipart/form-data with file and alt.', { fields: { file: 'a file is required' } });
      }
      const row = await addProjectImage(
        deps,
        ctx.site.id,
        p,
        { ...me, manage: isAllowed(deps.permissions, ctx.actor, 'budgeting.project.review') },
        { file: form.get('file'), alt: form.get('alt') },
      );
      return c.json(presentImage(row), 201);
    }) as never,
  );

  route(
    'post',
    '/budgeting/processes/{slug}/proposals',
    'Propose a project (signed in, during the proposal phase)',
    async (c, deps, ctx) => {
      const me = personOf(deps, ctx, 'budgeting.participate');
      const { process, districts, categories } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const p = await submitProposal(deps, ctx.site.id, process, me, await body(c));
      return c.json(presentProject(p, districts, categories), 201);
    },
    { body: 'title, description, district (slug), category (slug, optional), cost, lat and lng (optional)', status: 201 },
  );

  route(
    'post',
    '/budgeting/processes/{slug}/projects/{code}/review',
    'Review a proposal (agency staff, editors): feasible or set-aside (with a public reason), cost estimate',
    async (c, deps, ctx) => {
      const me = personOf(deps, ctx, 'budgeting.project.review');
      const { process, districts, categories } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const p = await findProject(deps.db, ctx.site.id, process.id, c.req.param('code')!);
      if (!p) throw notFound('Project');
      return c.json(presentProject(await reviewProject(deps, ctx.site.id, process, p, me, await body(c)), districts, categories));
    },
    { body: 'status (proposed | feasible | set-aside), cost (optional estimate), reason (required when set aside)' },
  );

  route(
    'put',
    '/budgeting/processes/{slug}/ballot',
    'Cast or replace my ballot for a district or the city-wide pot while voting is open (signed in, or with a voting code); a broken constraint is named in the error',
    async (c, deps, ctx) => {
      const raw = (await body(c)) ?? {};
      const voter = voterOf(deps, ctx, raw.code);
      const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const b = await castBallot(deps, ctx.site.id, process, voter, raw);
      return c.json(presentBallot(b, districts));
    },
    {
      body: 'district (slug), choices [{project, points?}] (ordinal: best first), code (optional voting code), replace (true to confirm that this ballot replaces your ballot in another district, when the process allows one district only; without it such a ballot is refused with 409 and the field `replace`)',
    },
  );

  route(
    'post',
    '/budgeting/processes/{slug}/my-ballots',
    'Did I vote, and how: my ballots in this process (signed in, or with {"code": ...})',
    async (c, deps, ctx) => {
      const raw = (await body(c)) ?? {};
      const voter = voterOf(deps, ctx, raw.code);
      const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const rows = await findMyBallots(deps, ctx.site.id, process, voter);
      const eligibility =
        voter.kind === 'user' ? presentEligibility(await readEligibility(deps, ctx.site.id, process, voter.userId), districts) : null;
      return c.json({ voted: rows.some((b) => b.status === 'counted'), ballots: rows.map((b) => presentBallot(b, districts)), eligibility });
    },
    { body: 'code (optional voting code)' },
  );

  route(
    'put',
    '/budgeting/processes/{slug}/residence',
    'Declare the district I live in (processes whose eligibility is "residence"); it can change until I cast a district ballot',
    async (c, deps, ctx) => {
      const me = personOf(deps, ctx, 'budgeting.participate');
      const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const raw = (await body(c)) ?? {};
      return c.json(presentEligibility(await declareResidence(deps, ctx.site.id, process, me.userId, raw.district), districts));
    },
    { body: 'district (slug of a district, not the city-wide pot)' },
  );

  route(
    'post',
    '/budgeting/processes/{slug}/census/verify',
    'Prove that I am on the census of eligible voters (processes whose eligibility is "census") with my identifier; the entry is then linked to my account',
    async (c, deps, ctx) => {
      const me = personOf(deps, ctx, 'budgeting.participate');
      const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const raw = (await body(c)) ?? {};
      return c.json(presentEligibility(await verifyCensus(deps, ctx.site.id, process, me.userId, raw.identifier), districts));
    },
    { body: 'identifier (as on the census; spaces, dots and hyphens are ignored)' },
  );

  route('get', '/budgeting/processes/{slug}/census', 'How many people the census lists and how many proved it (editors)', async (c, deps, ctx) => {
    personOf(deps, ctx, 'budgeting.process.manage');
    const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
    return c.json({ eligibility: process.eligibility, ...(await countCensus(deps, ctx.site.id, process.id)) });
  });

  route(
    'post',
    '/budgeting/processes/{slug}/census',
    'Import the census of eligible voters from CSV (editors): only a keyed hash (HMAC-SHA-256, per site and process) of each identifier is kept; returns rows read, entries added, duplicates and bad rows with their line numbers',
    async (c, deps, ctx) => {
      personOf(deps, ctx, 'budgeting.process.manage');
      const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const raw = (await body(c)) ?? {};
      return c.json(await importCensus(deps, ctx.site.id, process, raw), 201);
    },
    {
      body: 'csv (text with a header line; comma or semicolon separated), idColumn (the column holding the identifier; default "id"), districtColumn (optional: the column giving each person\'s district, by slug or name)',
      status: 201,
    },
  );

  route(
    'post',
    '/budgeting/processes/{slug}/codes',
    'Issue voting codes (editors): {"count": n, "batch": name} returns the codes in clear once; {"csv": text} imports codes issued elsewhere',
    async (c, deps, ctx) => {
      personOf(deps, ctx, 'budgeting.process.manage');
      const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const raw = (await body(c)) ?? {};
      if (raw.csv !== undefined) return c.json({ imported: await importCodes(deps, ctx.site.id, process, raw.csv, raw.batch) }, 201);
      return c.json({ codes: await generateCodes(deps, ctx.site.id, process, raw.count, raw.batch) }, 201);
    },
    { body: 'count and batch, or csv and batch', status: 201 },
  );

  route('get', '/budgeting/processes/{slug}/paper-ballots', 'Paper ballots waiting for a second check (staff)', async (c, deps, ctx) => {
    personOf(deps, ctx, 'budgeting.paper.enter');
    const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
    const rows = await listPendingPaperBallots(deps.db, ctx.site.id, process.id);
    return c.json({ items: rows.map((b) => ({ ...presentBallot(b, districts), enteredBy: b.enteredBy })) });
  });

  route(
    'post',
    '/budgeting/processes/{slug}/paper-ballots',
    'Enter a paper ballot (staff); it counts once a different staff member confirms it',
    async (c, deps, ctx) => {
      const me = personOf(deps, ctx, 'budgeting.paper.enter');
      const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      return c.json(presentBallot(await enterPaperBallot(deps, ctx.site.id, process, me, await body(c)), districts), 201);
    },
    { body: 'reference (sheet number), district, choices, code (optional)', status: 201 },
  );

  route(
    'post',
    '/budgeting/processes/{slug}/paper-ballots/{id}/confirm',
    'Confirm a paper ballot (a different staff member than the one who entered it)',
    async (c, deps, ctx) => {
      const me = personOf(deps, ctx, 'budgeting.paper.enter');
      const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const id = c.req.param('id')!;
      if (!isUuid(id)) throw notFound('Paper ballot');
      return c.json(presentBallot(await confirmPaperBallot(deps, ctx.site.id, process, me, id), districts));
    },
  );

  route('get', '/budgeting/processes/{slug}/turnout', 'Counted ballots by district and channel (online, paper, import)', async (c, deps, ctx) => {
    const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
    const rows = await countTurnout(deps.db, ctx.site.id, process.id);
    return c.json({
      items: districts.map((d) => {
        const mine = rows.filter((r) => r.districtId === d.id);
        const by = (ch: string) => mine.find((r) => r.channel === ch)?.ballots ?? 0;
        return { district: d.slug, online: by('online'), paper: by('paper'), import: by('import'), total: by('online') + by('paper') + by('import') };
      }),
    });
  });

  route(
    'post',
    '/budgeting/processes/{slug}/results/compute',
    'Count every district with the process rule after voting closes (editors); stores unpublished results',
    async (c, deps, ctx) => {
      personOf(deps, ctx, 'budgeting.process.manage');
      const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      await computeResults(deps, ctx.site.id, process);
      return c.json({ districts: await readResults(deps, ctx.site.id, process) });
    },
  );

  route(
    'post',
    '/budgeting/processes/{slug}/results/publish',
    'Publish the computed results and lock the rule and budgets (editors)',
    async (c, deps, ctx) => {
      personOf(deps, ctx, 'budgeting.process.manage');
      const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const p = await publishResults(deps, ctx.site.id, process);
      return c.json({ locked: p.locked, resultsPublishedAt: p.resultsPublishedAt?.toISOString() ?? null });
    },
  );

  route(
    'get',
    '/budgeting/processes/{slug}/results',
    'Published results: winners, why each project won or lost, Equal Shares spending, choices won per voter. Before publication: `published: false`, `resultsDue` (when results are expected) and no districts (editors see the computed, unpublished results)',
    async (c, deps, ctx) => {
      const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      const resultsDue = process.phases.results.start;
      if (!process.locked && !isAllowed(deps.permissions, ctx.actor, 'budgeting.process.manage'))
        return c.json({ published: false, resultsDue, districts: [] });
      return c.json({ published: process.locked, resultsDue, districts: await readResults(deps, ctx.site.id, process) });
    },
  );

  route(
    'post',
    '/budgeting/import',
    'Import a Pabulib .pb file as a new process (editors): {"slug": ..., "file": text}',
    async (c, deps, ctx) => {
      personOf(deps, ctx, 'budgeting.process.manage');
      const raw = (await body(c)) ?? {};
      const p = await importPabulib(deps, ctx.site.id, raw.file, raw.slug);
      const { districts, categories } = await loadProcess(deps, ctx.site.id, p.slug);
      return c.json(presentProcess(p, districts, categories, deps.clock.now()), 201);
    },
    { params: false, body: 'slug, file (the .pb text)', status: 201 },
  );

  route(
    'post',
    '/budgeting/processes/{slug}/close-voting',
    'Close voting now (editors): the voting phase ends at this instant',
    async (c, deps, ctx) => {
      personOf(deps, ctx, 'budgeting.process.manage');
      const { process } = await loadProcess(deps, ctx.site.id, c.req.param('slug')!);
      await closeVoting(deps, ctx.site.id, process);
      const again = await loadProcess(deps, ctx.site.id, process.slug);
      return c.json(presentProcess(again.process, again.districts, again.categories, deps.clock.now()));
    },
  );
}
