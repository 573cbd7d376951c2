using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CityEdge.NanoGuard
{
    /// <summary>
    /// The nanoFramework 1.x API as documentation-comment IDs (nanoframework-api.txt), indexed for the matching rule:
    /// types by exact ID; properties, fields and events by containing type and name; methods by containing type and
    /// name plus their parameter counts, because the host BCL has more overloads than the device and the device
    /// compiler binds to whichever overload nanoFramework has.
    /// </summary>
    internal sealed class AllowList
    {
        /// <summary>Parameter shape of one listed method overload.</summary>
        private struct Overload
        {
            public int Count;
            public bool LastIsArray; // a params candidate: it also takes Count - 1 or more arguments
        }

        private readonly HashSet<string> _types = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _namedMembers = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Overload>> _methods = new Dictionary<string, List<Overload>>(StringComparer.Ordinal);

        public static AllowList Parse(SourceText text)
        {
            var list = new AllowList();
            foreach (TextLine line in text.Lines)
            {
                string id = line.ToString().Trim();
                if (id.Length < 3 || id[0] == '#' || id[1] != ':')
                    continue;
                switch (id[0])
                {
                    case 'T':
                        list._types.Add(id);
                        break;
                    case 'M':
                        string key = KeyOf(id);
                        if (!list._methods.TryGetValue(key, out List<Overload> overloads))
                            list._methods.Add(key, overloads = new List<Overload>());
                        overloads.Add(ShapeOf(id));
                        break;
                    default: // P:, F:, E: match by name
                        list._namedMembers.Add(KeyOf(id));
                        break;
                }
            }
            return list;
        }

        public bool HasType(INamedTypeSymbol type) => _types.Contains(type.OriginalDefinition.GetDocumentationCommentId() ?? "");

        /// <summary>
        /// True if the member, or a member it overrides, is listed. Methods match on name and on the arity of the
        /// call: the host overload's parameter count or the number of arguments written (-1 when there is no call).
        /// An exact ID match is a special case of this rule.
        /// </summary>
        public bool HasMember(ISymbol member, int argumentCount)
        {
            for (ISymbol s = member; s != null; s = Overridden(s))
            {
                string key = KeyOf(s.OriginalDefinition.GetDocumentationCommentId() ?? "");
                if (!(s is IMethodSymbol method))
                {
                    if (_namedMembers.Contains(key))
                        return true;
                    continue;
                }
                if (!_methods.TryGetValue(key, out List<Overload> overloads))
                    continue;
                foreach (Overload o in overloads)
                {
                    if (Fits(o, method.Parameters.Length) || (argumentCount >= 0 && Fits(o, argumentCount)))
                        return true;
                }
            }
            return false;
        }

        private static bool Fits(Overload o, int arity) => o.Count == arity || (o.LastIsArray && arity >= o.Count - 1);

        // Host symbols often bind to an override (e.g. String.ToString) while the list may only have the base declaration.
        private static ISymbol Overridden(ISymbol s)
        {
            switch (s)
            {
                case IMethodSymbol m: return m.OverriddenMethod;
                case IPropertySymbol p: return p.OverriddenProperty;
                case IEventSymbol e: return e.OverriddenEvent;
                default: return null;
            }
        }

        /// <summary>"M:System.String.Format(System.String,System.Object[])" -> "M:System.String.Format".</summary>
        private static string KeyOf(string id)
        {
            int paren = id.IndexOf('(');
            return paren < 0 ? id : id.Substring(0, paren);
        }

        private static Overload ShapeOf(string id)
        {
            int open = id.IndexOf('(');
            int close = id.LastIndexOf(')');
            if (open < 0 || close <= open + 1)
                return new Overload();
            // Count top-level commas: generic arguments {..} and array bounds [..] contain commas of their own.
            int count = 1, depth = 0, lastStart = open + 1;
            for (int i = open + 1; i < close; i++)
            {
                char c = id[i];
                if (c == '{' || c == '[' || c == '(')
                    depth++;
                else if (c == '}' || c == ']' || c == ')')
                    depth--;
                else if (c == ',' && depth == 0)
                {
                    count++;
                    lastStart = i + 1;
                }
            }
            string last = id.Substring(lastStart, close - lastStart);
            return new Overload { Count = count, LastIsArray = last.EndsWith("[]", StringComparison.Ordinal) };
        }
    }
}
