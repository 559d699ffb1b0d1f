// An MCP server made with the official TypeScript SDK that lists its 25 tools in pages of 10, as servers with
// long lists do: the gateway must follow nextCursor to the end. Usage: node paged-server.mjs SDK_DIR
import { pathToFileURL } from "node:url";
const [sdk] = process.argv.slice(2);
const load = (p) => import(pathToFileURL(sdk + p).href);
const { Server } = await load("/dist/esm/server/index.js");
const { StdioServerTransport } = await load("/dist/esm/server/stdio.js");
const types = await load("/dist/esm/types.js");

const tools = Array.from({ length: 25 }, (_, i) => ({
  name: `tool-${i}`, description: `tool number ${i}`, inputSchema: { type: "object", properties: {} },
}));
const server = new Server({ name: "paged", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(types.ListToolsRequestSchema, async (request) => {
  const start = Number(request.params?.cursor ?? 0);
  const next = start + 10;
  return { tools: tools.slice(start, next), ...(next < tools.length ? { nextCursor: String(next) } : {}) };
});
server.setRequestHandler(types.CallToolRequestSchema, async (request) => ({
  content: [{ type: "text", text: `called ${request.params.name}` }],
}));
await server.connect(new StdioServerTransport());
