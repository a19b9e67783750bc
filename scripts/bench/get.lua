-- wrk: GET the path in BENCH_PATH with the bearer token in BENCH_TOKEN.
request = function()
  return wrk.format("GET", os.getenv("BENCH_PATH"), {["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")})
end
