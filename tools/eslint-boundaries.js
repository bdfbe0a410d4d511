// A local ESLint rule that enforces DESIGN.md's import direction:
//   math <- kernel <- db <- modules <- server / web / cli
// and "a module reaches another module only through its index.ts". Module UIs (modules/*/ui)
// may also use the web design kit (web/kit), the one sanctioned upward reach.
import path from 'node:path';

const LAYERS = { math: 0, kernel: 1, db: 2, modules: 3, server: 4, web: 4, cli: 4 };

function locate(file, srcRoot) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  const layer = parts[0];
  if (!(layer in LAYERS)) return null;
  return { layer, parts, rel };
}

/** @type {import('eslint').Rule.RuleModule} */
const importDirection = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layer order and module boundaries of DESIGN.md' },
    messages: {
      upward: '{{from}} may not import from {{to}}: imports flow math <- kernel <- db <- modules <- server/web/cli.',
      mathPure: 'math/ is pure: it imports nothing from the rest of src.',
      crossModule: 'Module "{{from}}" may reach module "{{to}}" only through its index.ts (import {{suggest}}).',
    },
    schema: [],
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    // The project's src folder: the last `src` segment of the file's own path.
    const at = filename.lastIndexOf(`${path.sep}src${path.sep}`);
    if (at < 0) return {};
    const srcRoot = filename.slice(0, at + 4);
    const here = locate(filename, srcRoot);
    if (!here) return {};
    // Tests may use the server's test harness (src/server/testing.ts) from anywhere.
    const isTest = /\.test\.tsx?$|test-helpers\.ts$/.test(filename);
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(filename), source).replace(/\.js$/, '.ts');
      const there = locate(target, srcRoot);
      if (!there) return;
      if (here.layer === 'math' && there.layer !== 'math') {
        context.report({ node, messageId: 'mathPure' });
        return;
      }
      const uiKit = here.layer === 'modules' && here.parts[2] === 'ui' && there.layer === 'web' && there.parts[1] === 'kit';
      const harness = isTest && there.layer === 'server';
      if (LAYERS[there.layer] > LAYERS[here.layer] && !uiKit && !harness) {
        context.report({ node, messageId: 'upward', data: { from: here.layer, to: there.layer } });
        return;
      }
      if (there.layer === 'modules' && there.parts.length > 2) {
        const toModule = there.parts[1];
        const fromModule = here.layer === 'modules' ? here.parts[1] : null;
        if (fromModule === toModule) return;
        const isIndex = there.parts.length === 3 && /^index\.tsx?$/.test(there.parts[2]);
        // web/routes.ts names UI files by path string, never by import, so this holds everywhere.
        if (!isIndex) {
          context.report({
            node,
            messageId: 'crossModule',
            data: { from: fromModule ?? here.layer, to: toModule, suggest: `modules/${toModule}/index.js` },
          });
        }
      }
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'import-direction': importDirection } };
