/* The CLI's subcommands that live in their own files. */
#ifndef GESTA_TOOL_COMMANDS_H
#define GESTA_TOOL_COMMANDS_H

/* gesta dict stats|check ...: argv starts after "dict". Returns the exit status. */
int gesta_cmd_dict(int argc, char **argv);

#endif
