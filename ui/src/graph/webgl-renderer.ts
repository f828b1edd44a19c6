/**
 * Draws a `DrawList` with WebGL2 on an on-page canvas: nodes as points
 * (the fragment shader cuts an antialiased circle), edges as `gl.LINES` indexed straight into the shared position
 * buffer (one draw for all edges, one for the hovered node's), or as
 * instanced quads when the link thickness asks for wide ones, and
 * arrowheads as instanced triangles. Buffers grow
 * when needed and are otherwise updated with `bufferSubData`; positions are
 * uploaded only when they changed, the rest only when the list did (not
 * while the camera merely pans). `drawCached` renders into a framebuffer
 * texture larger than the canvas, which `blit` copies texel for texel
 * (shifted) onto the canvas while the camera pans. A moving large graph is
 * drawn at half resolution (`draw`'s `resolution`) into a smaller backing
 * store, which the page stretches over the canvas: software GL pays per
 * pixel, and the frame lasts a fraction of a second; the settled picture is
 * drawn in full. (Drawing into a texture and stretching it ourselves made
 * each frame wait for the texture's pixels: 16 ms a frame at 10k nodes.)
 */
import type { Camera } from "../store/graph/camera";
import type { DrawList, Rgba } from "../store/graph/view-model";
import { NODE_STRIDE, SEGMENT_STRIDE } from "../store/graph/view-model";
import type { GraphRenderer } from "./graph-renderer";
import { sizeCanvas } from "./canvas-size";

// One point per node: on software GL (llvmpipe) a point is one primitive to
// set up where an instanced quad is two triangles, and setup, not filling,
// is what small nodes cost. The fragment shader cuts the antialiased circle
// by the pixel's distance from the node's centre in window coordinates:
// reading gl_PointCoord instead made llvmpipe's raster threads spend about
// half as much again per frame (19k nodes moving: 300 against 200 ms of
// CPU per half second).
const NODE_VS = `#version 300 es
layout(location = 0) in vec2 a_center;
layout(location = 1) in float a_radius;
layout(location = 2) in vec4 a_color;
uniform vec2 u_camera;
uniform float u_zoom;
uniform vec2 u_half;
uniform float u_min_radius;
uniform float u_radius_scale;
// Not u_dpr: a uniform shared with the fragment shader must have its precision there too.
uniform float u_point_scale;
// The render target's size in device pixels.
uniform vec2 u_target;
// Flat: constant over a point, so software GL does not interpolate them per pixel.
// The centre in window coordinates, and the radius in device pixels plus a half.
flat out vec3 v_disc;
flat out vec4 v_color;
void main() {
  float r = max(a_radius * u_radius_scale, u_min_radius);
  vec2 ndc = (a_center - u_camera) * u_zoom / u_half * vec2(1.0, -1.0);
  gl_Position = vec4(ndc, 0.0, 1.0);
  // The antialiased rim reaches half a device pixel past the radius: one CSS pixel of margin holds it.
  gl_PointSize = 2.0 * (r + 1.0) * u_point_scale;
  v_disc = vec3((ndc * 0.5 + 0.5) * u_target, r * u_point_scale + 0.5);
  v_color = a_color;
}`;

// Coverage = (radius + a half) - distance, in device pixels. highp: window
// coordinates of a large kept picture exceed what mediump holds exactly.
const NODE_FS = `#version 300 es
precision highp float;
flat in vec3 v_disc;
flat in vec4 v_color;
out vec4 out_color;
void main() {
  float edge = clamp(v_disc.z - length(gl_FragCoord.xy - v_disc.xy), 0.0, 1.0);
  if (edge <= 0.0) discard;
  out_color = vec4(v_color.rgb, v_color.a * edge);
}`;

const EDGE_VS = `#version 300 es
layout(location = 0) in vec2 a_position;
uniform vec2 u_camera;
uniform float u_zoom;
uniform vec2 u_half;
void main() {
  vec2 screen = (a_position - u_camera) * u_zoom;
  gl_Position = vec4(screen / u_half * vec2(1.0, -1.0), 0.0, 1.0);
}`;

const EDGE_FS = `#version 300 es
precision mediump float;
uniform vec4 u_color;
out vec4 out_color;
void main() {
  out_color = u_color;
}`;

// Wide links and arrowheads: one instance per segment (from, to, and the
// radius of the node at its far end), its corners made from gl_VertexID in CSS
// pixels about the camera. Only drawn when asked for (a link thickness above
// a pixel and a half, the arrows setting), so hairline links stay one
// primitive each.
const SEGMENT_VS = `#version 300 es
layout(location = 0) in vec2 a_from;
layout(location = 1) in vec2 a_to;
layout(location = 2) in float a_radius;
uniform vec2 u_camera;
uniform float u_zoom;
uniform vec2 u_half;
// 0: a wide link (a quad as a strip); 1: an arrowhead at the far end (a triangle).
uniform int u_arrow;
uniform float u_width;
uniform float u_length;
uniform float u_radius_scale;
uniform float u_min_radius;
void main() {
  vec2 a = (a_from - u_camera) * u_zoom;
  vec2 b = (a_to - u_camera) * u_zoom;
  vec2 d = b - a;
  float l = length(d);
  vec2 dir = l > 0.0 ? d / l : vec2(1.0, 0.0);
  vec2 side = vec2(-dir.y, dir.x) * u_width;
  vec2 p;
  if (u_arrow == 1) {
    vec2 tip = b - dir * (max(a_radius * u_radius_scale, u_min_radius) + 1.0);
    vec2 base = tip - dir * u_length;
    p = gl_VertexID == 0 ? tip : (gl_VertexID == 1 ? base + side : base - side);
  } else {
    p = (gl_VertexID < 2 ? a : b) + ((gl_VertexID & 1) == 0 ? side : -side);
  }
  gl_Position = vec4(p / u_half * vec2(1.0, -1.0), 0.0, 1.0);
}`;

// One triangle over the whole canvas; the fragment shader copies the kept
// picture's texel under the pixel, the picture shifted and (for a zoom)
// scaled: texel for texel (exact: no filtering, no blur) while panning.
const BLIT_VS = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
  gl_Position = vec4(p, 0.0, 1.0);
}`;

const BLIT_FS = `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_picture;
// The picture's top left on the canvas, device pixels from the canvas's top left.
uniform vec2 u_origin;
uniform float u_scale;
uniform float u_canvas_h;
out vec4 out_color;
void main() {
  ivec2 size = textureSize(u_picture, 0);
  vec2 pic = (vec2(gl_FragCoord.x, u_canvas_h - gl_FragCoord.y) - u_origin) / u_scale;
  ivec2 at = clamp(ivec2(int(floor(pic.x)), size.y - 1 - int(floor(pic.y))), ivec2(0), size - 1);
  out_color = vec4(texelFetch(u_picture, at, 0).rgb, 1.0);
}`;

/** The kept picture: a colour texture and its framebuffer, in device pixels. */
interface Picture {
  texture: WebGLTexture;
  framebuffer: WebGLFramebuffer;
  width: number;
  height: number;
}

interface Program {
  program: WebGLProgram;
  uniforms: Map<string, WebGLUniformLocation | null>;
}

/** A GPU buffer that grows (doubling) and is otherwise written with `bufferSubData`. */
class GrowingBuffer {
  readonly buffer: WebGLBuffer;
  private capacity = 0;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly target: number,
  ) {
    const buffer = gl.createBuffer();
    if (!buffer) throw new Error("WebGL could not create a buffer");
    this.buffer = buffer;
  }

  upload(data: Float32Array | Uint32Array): void {
    const gl = this.gl;
    // An element buffer binding belongs to the bound vertex array: bind none first.
    if (this.target === gl.ELEMENT_ARRAY_BUFFER) gl.bindVertexArray(null);
    gl.bindBuffer(this.target, this.buffer);
    if (data.byteLength > this.capacity) {
      this.capacity = Math.max(data.byteLength, this.capacity * 2, 1024);
      gl.bufferData(this.target, this.capacity, gl.DYNAMIC_DRAW);
    }
    if (data.byteLength > 0) gl.bufferSubData(this.target, 0, data);
  }
}

function compile(gl: WebGL2RenderingContext, vs: string, fs: string, uniforms: readonly string[]): Program {
  const shader = (type: number, source: string): WebGLShader => {
    const s = gl.createShader(type);
    if (!s) throw new Error("WebGL could not create a shader");
    gl.shaderSource(s, source);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`shader: ${gl.getShaderInfoLog(s) ?? "failed"}`);
    return s;
  };
  const program = gl.createProgram();
  if (!program) throw new Error("WebGL could not create a program");
  gl.attachShader(program, shader(gl.VERTEX_SHADER, vs));
  gl.attachShader(program, shader(gl.FRAGMENT_SHADER, fs));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`program: ${gl.getProgramInfoLog(program) ?? "failed"}`);
  return { program, uniforms: new Map(uniforms.map((name) => [name, gl.getUniformLocation(program, name)])) };
}

export class WebGlRenderer implements GraphRenderer {
  readonly kind = "webgl2";
  private readonly nodeProgram: Program;
  private readonly edgeProgram: Program;
  private readonly positions: GrowingBuffer;
  private readonly instances: GrowingBuffer;
  private readonly edgeIndices: GrowingBuffer;
  private readonly highlightIndices: GrowingBuffer;
  private readonly nodeVao: WebGLVertexArrayObject;
  private readonly edgeVao: WebGLVertexArrayObject;
  private readonly highlightVao: WebGLVertexArrayObject;
  private uploaded = { positionsVersion: -1, sceneVersion: -1 };
  /** The `dataVersion` of the nodes, edges and highlight in the GPU buffers. */
  private uploadedData = -1;
  /** The `edgesVersion` of the edges and highlight in the GPU buffers. */
  private uploadedEdges = -1;
  private readonly blitProgram: Program;
  private readonly blitVao: WebGLVertexArrayObject;
  private readonly segmentProgram: Program;
  private readonly segments: GrowingBuffer;
  private readonly segmentVao: WebGLVertexArrayObject;
  private picture: Picture | null = null;
  /** The largest picture side: the texture, renderbuffer and viewport limits; 0 once a framebuffer failed. */
  maxCacheSide: number;
  /** The canvas's size in CSS pixels. */
  private width = 1;
  private height = 1;
  /** Its full backing store in device pixels (a moving frame uses a smaller one). */
  private fullWidth = 1;
  private fullHeight = 1;
  private dpr = 1;

  /** Null when the canvas has no WebGL2 (the caller falls back to Canvas2D). */
  static create(canvas: HTMLCanvasElement): WebGlRenderer | null {
    let gl: WebGL2RenderingContext | null = null;
    try {
      // No multisampling: nodes antialias themselves in the fragment shader, and
      // on software GL it multiplies the cost of every line's pixels.
      gl = canvas.getContext("webgl2", { alpha: false, antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false });
    } catch {
      gl = null;
    }
    if (!gl) return null;
    try {
      return new WebGlRenderer(canvas, gl);
    } catch {
      return null;
    }
  }

  private constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly gl: WebGL2RenderingContext,
  ) {
    const common = ["u_camera", "u_zoom", "u_half"];
    this.nodeProgram = compile(gl, NODE_VS, NODE_FS, [...common, "u_min_radius", "u_radius_scale", "u_point_scale", "u_target"]);
    this.edgeProgram = compile(gl, EDGE_VS, EDGE_FS, [...common, "u_color"]);
    this.blitProgram = compile(gl, BLIT_VS, BLIT_FS, ["u_picture", "u_origin", "u_scale", "u_canvas_h"]);
    this.segmentProgram = compile(gl, SEGMENT_VS, EDGE_FS, [...common, "u_color", "u_arrow", "u_width", "u_length", "u_radius_scale", "u_min_radius"]);
    const dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array | null;
    const limits = [gl.getParameter(gl.MAX_TEXTURE_SIZE), gl.getParameter(gl.MAX_RENDERBUFFER_SIZE), dims?.[0], dims?.[1]];
    this.maxCacheSide = Math.min(...limits.map((v) => (typeof v === "number" && v > 0 ? v : 0)));
    this.positions = new GrowingBuffer(gl, gl.ARRAY_BUFFER);
    this.instances = new GrowingBuffer(gl, gl.ARRAY_BUFFER);
    this.edgeIndices = new GrowingBuffer(gl, gl.ELEMENT_ARRAY_BUFFER);
    this.highlightIndices = new GrowingBuffer(gl, gl.ELEMENT_ARRAY_BUFFER);
    const vao = (): WebGLVertexArrayObject => {
      const v = gl.createVertexArray();
      if (!v) throw new Error("WebGL could not create a vertex array");
      return v;
    };

    this.nodeVao = vao();
    gl.bindVertexArray(this.nodeVao);
    this.instances.upload(new Float32Array(NODE_STRIDE * 64));
    const stride = NODE_STRIDE * 4;
    gl.enableVertexAttribArray(0);
    gl.vertexAttribPointer(0, 2, gl.FLOAT, false, stride, 0);
    gl.enableVertexAttribArray(1);
    gl.vertexAttribPointer(1, 1, gl.FLOAT, false, stride, 8);
    gl.enableVertexAttribArray(2);
    gl.vertexAttribPointer(2, 4, gl.FLOAT, false, stride, 12);

    const edgeVao = (indices: GrowingBuffer): WebGLVertexArrayObject => {
      const v = vao();
      gl.bindVertexArray(v);
      gl.bindBuffer(gl.ARRAY_BUFFER, this.positions.buffer);
      gl.enableVertexAttribArray(0);
      gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, indices.buffer);
      return v;
    };
    this.positions.upload(new Float32Array(64));
    this.edgeVao = edgeVao(this.edgeIndices);
    this.highlightVao = edgeVao(this.highlightIndices);
    this.blitVao = vao();
    this.segments = new GrowingBuffer(gl, gl.ARRAY_BUFFER);
    this.segmentVao = vao();
    gl.bindVertexArray(this.segmentVao);
    this.segments.upload(new Float32Array(SEGMENT_STRIDE * 16));
    const segStride = SEGMENT_STRIDE * 4;
    for (const [loc, size, offset] of [[0, 2, 0], [1, 2, 8], [2, 1, 16]] as const) {
      gl.enableVertexAttribArray(loc);
      gl.vertexAttribPointer(loc, size, gl.FLOAT, false, segStride, offset);
      gl.vertexAttribDivisor(loc, 1);
    }
    gl.bindVertexArray(null);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
    this.warmUp();
  }

  /**
   * Draws one edge and one node once: software GL compiles a program's
   * machine code at its first draw (a frame of 100-200 ms), paid here while
   * the view's scene is still on its way rather than in its first frame.
   */
  private warmUp(): void {
    const gl = this.gl;
    this.positions.upload(new Float32Array([0, 0, 1, 1]));
    this.edgeIndices.upload(new Uint32Array([0, 1]));
    this.instances.upload(new Float32Array(NODE_STRIDE));
    gl.useProgram(this.edgeProgram.program);
    gl.bindVertexArray(this.edgeVao);
    gl.drawElements(gl.LINES, 2, gl.UNSIGNED_INT, 0);
    gl.useProgram(this.nodeProgram.program);
    gl.bindVertexArray(this.nodeVao);
    gl.drawArrays(gl.POINTS, 0, 1);
    gl.useProgram(this.segmentProgram.program);
    gl.bindVertexArray(this.segmentVao);
    gl.drawArraysInstanced(gl.TRIANGLES, 0, 3, 1);
    gl.bindVertexArray(null);
    gl.clear(gl.COLOR_BUFFER_BIT);
  }

  resize(width: number, height: number, dpr: number): void {
    ({ width: this.width, height: this.height } = sizeCanvas(this.canvas, width, height, dpr));
    this.fullWidth = this.canvas.width;
    this.fullHeight = this.canvas.height;
    this.dpr = dpr;
  }

  /** Sets the canvas's backing store to `width`×`height` device pixels (the page stretches it over the canvas). */
  private backing(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }

  private setCommon(p: Program, camera: Camera, halfW: number, halfH: number): void {
    const gl = this.gl;
    gl.useProgram(p.program);
    gl.uniform2f(p.uniforms.get("u_camera") ?? null, camera.x, camera.y);
    gl.uniform1f(p.uniforms.get("u_zoom") ?? null, camera.zoom);
    gl.uniform2f(p.uniforms.get("u_half") ?? null, halfW, halfH);
  }

  /**
   * Draws the list onto the canvas, into a backing store `resolution` times
   * the full one: at one half, a quarter of the pixels to fill. Lines come
   * out twice as wide and half as opaque, so they carry the same ink.
   */
  draw(list: DrawList, camera: Camera, resolution = 1): void {
    const gl = this.gl;
    if (gl.isContextLost()) return;
    const w = Math.max(1, Math.round(this.fullWidth * Math.min(1, resolution)));
    const h = Math.max(1, Math.round(this.fullHeight * Math.min(1, resolution)));
    this.backing(w, h);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    this.render(list, camera, this.width, this.height, w, h, w / this.fullWidth);
  }

  drawCached(list: DrawList, camera: Camera, width: number, height: number): boolean {
    const gl = this.gl;
    if (gl.isContextLost() || this.maxCacheSide <= 0) return false;
    const w = Math.min(this.maxCacheSide, Math.max(1, Math.round(width * this.dpr)));
    const h = Math.min(this.maxCacheSide, Math.max(1, Math.round(height * this.dpr)));
    const picture = this.ensurePicture(w, h);
    if (!picture) return false;
    gl.bindFramebuffer(gl.FRAMEBUFFER, picture.framebuffer);
    this.render(list, camera, width, height, w, h);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    return true;
  }

  blit(x: number, y: number, scale = 1): void {
    const gl = this.gl;
    const picture = this.picture;
    if (gl.isContextLost() || !picture) return;
    this.backing(this.fullWidth, this.fullHeight);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.disable(gl.BLEND);
    const p = this.blitProgram;
    gl.useProgram(p.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, picture.texture);
    gl.uniform1i(p.uniforms.get("u_picture") ?? null, 0);
    // A pan lands on whole device pixels (a copy texel for texel); a zoom anywhere.
    const left = scale === 1 ? Math.round(x * this.dpr) : x * this.dpr;
    const top = scale === 1 ? Math.round(y * this.dpr) : y * this.dpr;
    gl.uniform2f(p.uniforms.get("u_origin") ?? null, left, top);
    gl.uniform1f(p.uniforms.get("u_scale") ?? null, scale);
    gl.uniform1f(p.uniforms.get("u_canvas_h") ?? null, this.canvas.height);
    gl.bindVertexArray(this.blitVao);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.bindVertexArray(null);
    gl.bindTexture(gl.TEXTURE_2D, null);
    gl.enable(gl.BLEND);
  }

  /** The kept picture at `width`×`height` device pixels (reallocated when the size changed); null when a framebuffer fails. */
  private ensurePicture(width: number, height: number): Picture | null {
    const old = this.picture;
    if (old && old.width === width && old.height === height) return old;
    if (old) this.deletePicture(old);
    this.picture = this.createPicture(width, height);
    if (!this.picture) this.maxCacheSide = 0;
    return this.picture;
  }

  private deletePicture(picture: Picture): void {
    this.gl.deleteFramebuffer(picture.framebuffer);
    this.gl.deleteTexture(picture.texture);
  }

  /** A texture of `width`×`height` device pixels and its framebuffer; null when the framebuffer fails. */
  private createPicture(width: number, height: number): Picture | null {
    const gl = this.gl;
    const texture = gl.createTexture();
    const framebuffer = gl.createFramebuffer();
    if (!texture || !framebuffer) return null;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
    for (const param of [gl.TEXTURE_MIN_FILTER, gl.TEXTURE_MAG_FILTER]) gl.texParameteri(gl.TEXTURE_2D, param, gl.NEAREST);
    for (const param of [gl.TEXTURE_WRAP_S, gl.TEXTURE_WRAP_T]) gl.texParameteri(gl.TEXTURE_2D, param, gl.CLAMP_TO_EDGE);
    gl.bindTexture(gl.TEXTURE_2D, null);
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    const complete = gl.checkFramebufferStatus(gl.FRAMEBUFFER) === gl.FRAMEBUFFER_COMPLETE;
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    if (!complete) {
      gl.deleteFramebuffer(framebuffer);
      gl.deleteTexture(texture);
      return null;
    }
    return { texture, framebuffer, width, height };
  }

  /**
   * Draws the list into the bound framebuffer: `width`×`height` CSS pixels,
   * `deviceW`×`deviceH` pixels (`resolution` times the device's).
   */
  private render(list: DrawList, camera: Camera, width: number, height: number, deviceW: number, deviceH: number, resolution = 1): void {
    const gl = this.gl;
    const halfW = width / 2;
    const halfH = height / 2;
    gl.viewport(0, 0, deviceW, deviceH);
    gl.clearColor(list.background[0], list.background[1], list.background[2], 1);
    gl.clear(gl.COLOR_BUFFER_BIT);

    if (list.positionsVersion !== this.uploaded.positionsVersion || list.sceneVersion !== this.uploaded.sceneVersion) {
      this.positions.upload(list.positions.subarray(0, list.positionCount * 2));
      this.uploaded = { positionsVersion: list.positionsVersion, sceneVersion: list.sceneVersion };
    }
    // A list that did not change (the camera moved) is drawn from the buffers as they are.
    const fresh = list.dataVersion !== this.uploadedData;
    this.uploadedData = list.dataVersion;
    const freshEdges = list.edgesVersion !== this.uploadedEdges;
    this.uploadedEdges = list.edgesVersion;
    const edges = this.edgeProgram;
    const color = edges.uniforms.get("u_color") ?? null;
    if (list.wideCount > 0) {
      this.drawSegments(list.wide, list.wideCount, list, list.edgeColor, camera, halfW, halfH, false);
    } else if (list.edgeCount > 0) {
      this.setCommon(edges, camera, halfW, halfH);
      if (freshEdges) this.edgeIndices.upload(list.edges.subarray(0, list.edgeCount * 2));
      gl.uniform4f(color, list.edgeColor[0], list.edgeColor[1], list.edgeColor[2], list.edgeColor[3] * resolution);
      gl.bindVertexArray(this.edgeVao);
      gl.drawElements(gl.LINES, list.edgeCount * 2, gl.UNSIGNED_INT, 0);
    }
    if (list.wideHighlightCount > 0) {
      this.drawSegments(list.wideHighlight, list.wideHighlightCount, list, list.highlightColor, camera, halfW, halfH, false);
    } else if (list.highlightCount > 0) {
      this.setCommon(edges, camera, halfW, halfH);
      if (freshEdges) this.highlightIndices.upload(list.highlight.subarray(0, list.highlightCount * 2));
      gl.uniform4f(color, list.highlightColor[0], list.highlightColor[1], list.highlightColor[2], list.highlightColor[3] * resolution);
      gl.bindVertexArray(this.highlightVao);
      gl.drawElements(gl.LINES, list.highlightCount * 2, gl.UNSIGNED_INT, 0);
    }
    if (list.arrowCount > 0) {
      const c = list.edgeColor;
      // Heads a little stronger than their links, so a direction reads at a glance.
      this.drawSegments(list.arrows, list.arrowCount, list, [c[0], c[1], c[2], Math.min(1, c[3] * 1.6 + 0.15)], camera, halfW, halfH, true);
    }
    if (list.highlightArrowCount > 0) {
      this.drawSegments(list.highlightArrows, list.highlightArrowCount, list, list.highlightColor, camera, halfW, halfH, true);
    }
    if (list.nodeCount > 0) {
      const nodes = this.nodeProgram;
      this.setCommon(nodes, camera, halfW, halfH);
      gl.uniform1f(nodes.uniforms.get("u_min_radius") ?? null, list.minRadiusPx);
      gl.uniform1f(nodes.uniforms.get("u_radius_scale") ?? null, list.radiusScale);
      gl.uniform1f(nodes.uniforms.get("u_point_scale") ?? null, this.dpr * resolution);
      gl.uniform2f(nodes.uniforms.get("u_target") ?? null, deviceW, deviceH);
      if (fresh) this.instances.upload(list.nodes.subarray(0, list.nodeCount * NODE_STRIDE));
      gl.bindVertexArray(this.nodeVao);
      gl.drawArrays(gl.POINTS, 0, list.nodeCount);
    }
    gl.bindVertexArray(null);
  }

  /** Wide links (quads) or arrowheads (triangles): `count` segments of `data`, in `color`. */
  private drawSegments(data: Float32Array, count: number, list: DrawList, color: Rgba, camera: Camera, halfW: number, halfH: number, arrow: boolean): void {
    const gl = this.gl;
    const p = this.segmentProgram;
    this.setCommon(p, camera, halfW, halfH);
    const u = (name: string): WebGLUniformLocation | null => p.uniforms.get(name) ?? null;
    gl.uniform4f(u("u_color"), color[0], color[1], color[2], color[3]);
    gl.uniform1i(u("u_arrow"), arrow ? 1 : 0);
    gl.uniform1f(u("u_width"), arrow ? list.arrowHalfWidth : list.lineWidth / 2);
    gl.uniform1f(u("u_length"), list.arrowLength);
    gl.uniform1f(u("u_radius_scale"), list.radiusScale);
    gl.uniform1f(u("u_min_radius"), list.minRadiusPx);
    gl.bindVertexArray(this.segmentVao);
    this.segments.upload(data.subarray(0, count * SEGMENT_STRIDE));
    gl.bindVertexArray(this.segmentVao);
    if (arrow) gl.drawArraysInstanced(gl.TRIANGLES, 0, 3, count);
    else gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, count);
  }

  destroy(): void {
    this.gl.getExtension("WEBGL_lose_context")?.loseContext();
  }
}
