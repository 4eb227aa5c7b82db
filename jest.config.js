const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^#(domain|event-store|projections)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

/** Tests by tier: unit (no I/O), int (a real database), e2e (the app over HTTP). */
export default {
  // Jest reads the timeout from the top level only, not per project. A database per file takes
  // seconds to start on a busy 2-core machine: the default 5 s is too tight for int and e2e.
  // Generous, and the only limit: tests and hooks set none of their own. A test waits for conditions
  // (test/support/wait.ts), and a machine running a second copy of the suite, or two, can be four
  // times slower than an idle one; a test that truly hangs still fails, only later.
  testTimeout: 300_000,
  // Two test files at a time: an int or e2e file spends about half its time waiting (PostgreSQL,
  // child processes, sockets), so one worker (jest's default on 2 cores) leaves a core idle.
  // Fixed rather than one per core: a large machine does not start dozens of databases at once.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e.spec.ts'] },
  ],
};
