/** The file name the CLI looks for, the way Nest looks for `nest-cli.json`. */
export const CONFIG_FILE = 'nest-cli-style.json';

export interface GenerateOptions { spec?: boolean; flat?: boolean }

/** One project as written in the config file (every path relative to the file). */
export interface ProjectConfig {
  type?: 'application' | 'library';
  root?: string;
  sourceRoot?: string;
  entryFile?: string;
  appModule?: string;
  testRoot?: string;
  compilerOptions?: { tsConfigPath?: string };
  generateOptions?: GenerateOptions;
}

/** The whole file, as described by nest-cli-style.schema.json. */
export interface CliConfig extends ProjectConfig {
  $schema?: string;
  defaultProject?: string;
  projects?: Record<string, ProjectConfig>;
}

/** A project with every default applied and every path absolute. */
export interface ResolvedProject {
  name: string;
  /** Absolute path of the config file, or undefined when none was found (defaults apply). */
  configFile: string | undefined;
  /** The folder every config path is relative to. */
  workspaceRoot: string;
  root: string;
  sourceRoot: string;
  /** Relative to sourceRoot, without extension. */
  entryFile: string;
  appModule: { file: string; exportName: string };
  testRoot: string;
  tsConfigPath: string;
  generate: Required<GenerateOptions>;
}
