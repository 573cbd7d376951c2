// The compiles share one signature cache and the machine has two cores: one test at a time.
[assembly: DoNotParallelize]
