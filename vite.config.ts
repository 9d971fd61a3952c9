import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: '/',
  publicDir: '../assets/icons',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true },
});
