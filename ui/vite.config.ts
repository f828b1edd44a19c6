import { walk } from "estree-walker";
import MagicString from "magic-string";
import type { Plugin } from "vite";
import { defineConfig } from "vite";

/**
 * Tauri freezes `Object.prototype` in the app's window (`freezePrototype`,
 * against prototype pollution). In strict code, assigning a property that an
 * object inherits from a frozen prototype then throws ("the override
 * mistake"): `proto.toString = …` in dayjs and `prototype.constructor = …`
 * in d3-color stop mermaid from loading. This build step rewrites such
 * assignments in dependencies (`obj.toString = v` for the names that
 * `Object.prototype` holds) into a helper that defines the property on the
 * object itself, which is what the assignment means when nothing is frozen.
 */
const FROZEN_NAMES = new Set([
  "constructor",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
]);
const MAY_ASSIGN = /\.(constructor|toString|toLocaleString|valueOf|hasOwnProperty|isPrototypeOf|propertyIsEnumerable)\s*=[^=]/;
const HELPER =
  "function __rhizomeAssign(o,k,v){if(o===null||(typeof o!=='object'&&typeof o!=='function')||Object.prototype.hasOwnProperty.call(o,k)){o[k]=v}else{Object.defineProperty(o,k,{value:v,writable:true,enumerable:true,configurable:true})}return v}\n";

interface Node {
  type: string;
  start: number;
  end: number;
  operator?: string;
  computed?: boolean;
  name?: string;
  left?: Node;
  right?: Node;
  object?: Node;
  property?: Node;
}

function freezeSafeAssignments(): Plugin {
  return {
    name: "rhizome-freeze-safe-assignments",
    transform(code, id) {
      const file = id.split("?")[0] ?? id;
      if (!file.includes("/node_modules/") || !/\.(m?js|cjs)$/.test(file) || !MAY_ASSIGN.test(code)) return null;
      const out = new MagicString(code);
      let changed = false;
      walk(this.parse(code) as never, {
        enter(raw) {
          const node = raw as unknown as Node;
          const { left, right } = node;
          if (node.type !== "AssignmentExpression" || node.operator !== "=" || !left || !right) return;
          if (left.type !== "MemberExpression" || left.computed || !left.object || left.property?.type !== "Identifier") return;
          const name = left.property.name ?? "";
          if (!FROZEN_NAMES.has(name) || left.object.type === "Super") return;
          const target = code.slice(left.object.start, left.object.end);
          out.overwrite(node.start, right.start, `__rhizomeAssign(${target},${JSON.stringify(name)},`);
          out.appendLeft(node.end, ")");
          changed = true;
        },
      });
      if (!changed) return null;
      out.prepend(HELPER);
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}

// The Tauri shell (src-tauri) loads ui/dist in release builds and the dev server in dev builds.
export default defineConfig({
  clearScreen: false,
  plugins: [freezeSafeAssignments()],
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
