import { RuleTester } from 'eslint';
import path from 'node:path';
import { describe, it } from 'vitest';
import plugin from './eslint-boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;

const root = path.resolve('/repo');
const file = (rel: string) => path.join(root, 'src', rel);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });

tester.run('polity/import-direction', plugin.rules['import-direction'], {
  valid: [
    { code: "import { x } from '../kernel/errors.js';", filename: file('db/jobs.ts') },
    { code: "import { x } from '../../../db/connection.js';", filename: file('modules/library/store/x.ts') },
    { code: "import { x } from '../../sites/index.js';", filename: file('modules/library/commands/x.ts') },
    { code: "import { x } from '../core/schemas.js';", filename: file('modules/library/commands/x.ts') },
    { code: "import { x } from '../../../web/kit/i18n.js';", filename: file('modules/library/ui/page.tsx') },
    { code: "import { x } from '../modules/sites/index.js';", filename: file('server/app.ts') },
    { code: "import { x } from './pca.js';", filename: file('math/kmeans.ts') },
    { code: "import { x } from '../../server/testing.js';", filename: file('modules/library/library.test.ts') },
  ],
  invalid: [
    { code: "import { x } from '../db/connection.js';", filename: file('kernel/x.ts'), errors: [{ messageId: 'upward' }] },
    { code: "import { x } from '../../../server/app.js';", filename: file('modules/library/commands/x.ts'), errors: [{ messageId: 'upward' }] },
    {
      code: "import { x } from '../../sites/store/sites.js';",
      filename: file('modules/library/commands/x.ts'),
      errors: [{ messageId: 'crossModule' }],
    },
    { code: "import { x } from '../modules/sites/store/sites.js';", filename: file('server/app.ts'), errors: [{ messageId: 'crossModule' }] },
    { code: "import { x } from '../../../web/root.js';", filename: file('modules/library/ui/page.tsx'), errors: [{ messageId: 'upward' }] },
    { code: "import { x } from '../../../web/kit/i18n.js';", filename: file('modules/library/commands/x.ts'), errors: [{ messageId: 'upward' }] },
    { code: "import { x } from '../../server/testing.js';", filename: file('modules/library/library.ts'), errors: [{ messageId: 'upward' }] },
    { code: "import { x } from '../kernel/errors.js';", filename: file('math/x.ts'), errors: [{ messageId: 'mathPure' }] },
    { code: "export * from '../sites/core/settings.js';", filename: file('modules/library/index.ts'), errors: [{ messageId: 'crossModule' }] },
  ],
});
