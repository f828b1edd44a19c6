import { defineConfig } from "vite";

// The Tauri shell (src-tauri) loads ui/dist in release builds and the dev server in dev builds.
export default defineConfig({
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // One bundle loaded from disk by the desktop app: size warnings do not apply.
    chunkSizeWarningLimit: 2000,
  },
});
