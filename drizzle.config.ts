// drizzle-kit reads this to turn src/store/schema.ts into SQL migrations in
// drizzle/ (`npx drizzle-kit generate`). The app applies them at start-up
// through Store.migrate(); drizzle-kit never touches a live database here.

import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './drizzle',
});
