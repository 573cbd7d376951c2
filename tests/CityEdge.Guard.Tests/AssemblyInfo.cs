using Microsoft.VisualStudio.TestTools.UnitTesting;

// Each test compiles its own snippet; they share nothing mutable.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
