/// Shell completion scripts generated from a command tree.
public enum CompletionScript {
    public enum Shell: String, CaseIterable, Sendable { case bash, zsh, fish }

    /// The completion script for `shell`, completing subcommands and options at every level.
    public static func generate(for shell: Shell, root: CommandSpec) -> String {
        var table: [(path: String, words: [String])] = []
        func walk(_ command: CommandSpec, _ path: [String]) {
            let words = command.subcommands.map(\.name) + command.options.map { "--" + $0.name } + ["--help"]
            table.append((path.joined(separator: " "), words))
            for sub in command.subcommands { walk(sub, path + [sub.name]) }
        }
        walk(root, [])
        let program = root.name
        let function = "_" + program.replacing("-", with: "_")
        switch shell {
        case .bash:
            var script = "# bash completion for \(program)\n\(function)() {\n"
            script += "  local cur path i\n  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n  path=\"\"\n"
            script += "  for ((i=1; i<COMP_CWORD; i++)); do\n    case \"${COMP_WORDS[i]}\" in -*) ;; *) path=\"${path:+$path }${COMP_WORDS[i]}\" ;; esac\n  done\n"
            script += "  case \"$path\" in\n"
            for entry in table {
                script += "    \"\(entry.path)\") COMPREPLY=($(compgen -W \"\(entry.words.joined(separator: " "))\" -- \"$cur\")) ;;\n"
            }
            script += "    *) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n  esac\n}\ncomplete -F \(function) \(program)\n"
            return script
        case .zsh:
            var script = "#compdef \(program)\n\(function)() {\n  local -a words_for\n  local path=\"${(j: :)${words[2,CURRENT-1]:#-*}}\"\n  case \"$path\" in\n"
            for entry in table {
                script += "    \"\(entry.path)\") compadd -- \(entry.words.joined(separator: " ")) ;;\n"
            }
            script += "    *) _files ;;\n  esac\n}\ncompdef \(function) \(program)\n"
            return script
        case .fish:
            var script = "# fish completion for \(program)\n"
            for entry in table {
                let condition = entry.path.isEmpty
                    ? "__fish_use_subcommand"
                    : "__fish_seen_subcommand_from \(entry.path.split(separator: " ").last.map(String.init) ?? "")"
                let subcommands = entry.words.filter { !$0.hasPrefix("--") }
                let options = entry.words.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2)) }
                if !subcommands.isEmpty {
                    script += "complete -c \(program) -f -n '\(condition)' -a '\(subcommands.joined(separator: " "))'\n"
                }
                for option in options {
                    script += "complete -c \(program) -n '\(condition)' -l \(option)\n"
                }
            }
            return script
        }
    }
}
