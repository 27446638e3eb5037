{{ config(materialized='incremental', incremental_strategy='insert_overwrite',
          partition_by=['category']) }}
select id, amount, category
from {{ ref('events') }}
{% if is_incremental() %}
where updated_at >= '2024-02-01'
{% endif %}
